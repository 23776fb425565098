/** Worker entry: reads one file's tags (see read-file.ts). Placeholder until the scanner lands. */
import { serveJobs } from '../workers/serve';

serveJobs(async (input: { path: string }) => ({ path: input.path }));
