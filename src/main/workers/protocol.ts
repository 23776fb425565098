/** The message shapes between a WorkerPool and its workers. */
export interface JobRequest<In> {
  jobId: number;
  input: In;
}

export type JobReply<Out> =
  { jobId: number; ok: true; output: Out } | { jobId: number; ok: false; error: string };
