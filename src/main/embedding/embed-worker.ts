/**
 * Worker entry for text embedding: model loading and inference run here, never on the main
 * thread. One job = one batch of texts (EmbedRequest) or a probe that loads a model and reports
 * its vector size. The loaded pipeline stays cached in the worker between jobs.
 */
import { serveJobs } from '../workers/serve';
import {
  embed,
  loadPipeline,
  type EmbedRequest,
  type EmbedResponse,
  type ModelSpec,
} from './embed-core';

export type EmbedJob = ({ op: 'embed' } & EmbedRequest) | { op: 'probe'; spec: ModelSpec };
export type EmbedJobResult = EmbedResponse;

serveJobs<EmbedJob, EmbedJobResult>(
  async (job) => {
    if (job.op === 'embed') return embed(job);
    if (job.spec.backend === 'transformers') await loadPipeline(job.spec);
    return embed({ spec: job.spec, texts: ['probe'], mode: 'passage', chunk: false });
  },
  (out) => [out.data.buffer as ArrayBuffer],
);
