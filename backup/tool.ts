/** Name and version written into every manifest and object's metadata. */
import { version } from '../package.json';

export const TOOL_NAME = 'eu-tom-kit-backup';
export const TOOL_VERSION: string = version;
