/** Worker entry: runs tag jobs (see read-file.ts) off the main thread, one at a time. */
import { serveJobs } from '../workers/serve';
import { readFile, type FileReading, type TagJob } from './read-file';

serveJobs<TagJob, FileReading>(readFile);
