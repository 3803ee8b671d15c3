import type { FileSystemHost } from '../../../language/service/types';
/** The real file system, for the server and the CLI. */
export declare const nodeFileSystem: FileSystemHost;
