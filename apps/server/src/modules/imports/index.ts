/** Bulk import (CSV) of campaign changes and new campaigns, through the change pipeline. */
export { registerImportRoutes } from './imports.routes.ts';
