#!/usr/bin/env node
// The `adloop` command: runs the TypeScript CLI (src/cli.ts) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
