/**
 * @adloop/engine: the product's pure logic, imported by the server and the web app. Plain functions
 * over plain data; no database, network, file system or clock (the caller passes `now`). The lint
 * configuration refuses imports that would do I/O here.
 */
export {};
