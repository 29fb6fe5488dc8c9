import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ValidationIssue } from '../validator/outcome/issue';
import { toOperationOutcome } from '../validator/outcome/operation-outcome';
import { capabilityStatement } from './capability-statement';
import { IgResources } from './ig-resources';
import { bodyFormat, problem, replyFormat, resourceBody, type WireFormat } from './outcome-reply';
import { PoolBusyError, TaskTimeoutError, ValidationPool } from './validation-pool';

export interface ServerOptions {
  /** Where the FHIR base is mounted, e.g. `/fhir`; default the root. */
  base?: string;
  /** Largest request body in bytes; default 16 MB (a larger one is answered 413). */
  bodyLimit?: number;
  /** Longest a validation may run, in ms; default 30 s (then 503, and the thread is replaced). */
  requestTimeoutMs?: number;
  /** Requests waiting for a thread beyond which new ones get 503; default 64 per thread. */
  maxQueue?: number;
  threads?: number;
  igPaths?: string[];
  profiles?: string[];
  /** Structured (JSON) logs, one line per request; false for none; or a logger of the caller's. */
  logger?: boolean | FastifyBaseLogger;
  /** Resources served by read/search; default the built IG. */
  ig?: IgResources;
}

export interface ValidationServer {
  app: FastifyInstance;
  pool: ValidationPool;
  /** Stops accepting connections, lets the requests under way finish, then stops the threads. */
  close(): Promise<void>;
}

/**
 * The `$validate` server: FHIR REST on fastify, validation on a pool of worker threads. Request
 * bodies are kept as text and validated as such, so that issue positions point into the body.
 */
export async function createServer(options: ServerOptions = {}): Promise<ValidationServer> {
  const base = (options.base ?? '').replace(/\/+$/, '');
  const threads = options.threads;
  const pool = new ValidationPool({ threads, igPaths: options.igPaths, profiles: options.profiles, maxQueue: options.maxQueue ?? 64 * (threads ?? 1) });
  try {
    await pool.ready();
  } catch (e) {
    await pool.close();
    throw e;
  }
  const ig = options.ig ?? IgResources.ofProject();
  const timeout = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    logger: options.logger === undefined ? true : (options.logger as never),
    // The HTTP server's own limit covers a client that sends its body slowly; validation has its own.
    requestTimeout: timeout + 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  const send = (reply: FastifyReply, request: FastifyRequest, status: number, resource: object, bodyAs?: WireFormat) => {
    const q = request.query as Record<string, string | undefined>;
    const { body, type } = resourceBody(resource, replyFormat(request.headers.accept, q._format, bodyAs));
    return reply.code(status).type(type).send(body);
  };
  const sendProblem = (reply: FastifyReply, request: FastifyRequest, status: number, issue: Omit<ValidationIssue, 'severity'> & { severity?: ValidationIssue['severity'] }) =>
    send(reply, request, status, problem(issue.severity ?? 'error', issue.code, issue.message, issue.rule ?? 'server-error'));

  // Every body is taken as text: the validator parses it, so positions and syntax errors are its own.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, request, 413, { code: 'too-costly', message: `the request body is larger than ${app.initialConfig.bodyLimit} bytes`, rule: 'input-too-large' });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return sendProblem(reply, request, status, { code: 'invalid', message: error.message, rule: 'server-bad-request' });
    request.log.error({ err: error }, 'internal error');
    return sendProblem(reply, request, 500, { severity: 'fatal', code: 'exception', message: 'internal error while answering the request', rule: 'internal-error' });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, 404, { code: 'not-found', message: `${request.method} ${request.url.split('?')[0]} is not an operation of this server`, rule: 'server-not-found' }),
  );

  // The process's resident memory, worker threads included: what a load balancer or a bench watches.
  app.get(`${base}/health`, async () => ({ status: 'ok', threads: pool.threads, queued: pool.queued, rssBytes: process.memoryUsage().rss }));
  app.get(`${base}/metadata`, (request, reply) => send(reply, request, 200, capabilityStatement(ig, `${request.protocol}://${request.host}${base}`)));

  const validate = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as { type?: string };
    const q = request.query as Record<string, string | string[] | undefined>;
    const format = bodyFormat(request.headers['content-type']);
    if (!format) {
      return sendProblem(reply, request, 415, { code: 'not-supported', message: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not supported: send application/fhir+json or application/fhir+xml`, rule: 'server-media-type' });
    }
    const profiles = q.profile === undefined ? [] : ([] as string[]).concat(q.profile);
    try {
      const answer = await pool.validateRequest({ body: (request.body as string | undefined) ?? '', format, type: params.type, profiles }, timeout);
      return send(reply, request, answer.status, toOperationOutcome(answer.issues), format);
    } catch (e) {
      if (e instanceof PoolBusyError) {
        reply.header('retry-after', '1');
        return sendProblem(reply, request, 503, { code: 'throttled' as ValidationIssue['code'], message: e.message, rule: 'server-busy' });
      }
      if (e instanceof TaskTimeoutError) return sendProblem(reply, request, 503, { code: 'timeout' as ValidationIssue['code'], message: e.message, rule: 'server-timeout' });
      throw e;
    }
  };
  app.post(`${base}/$validate`, validate);
  app.post(`${base}/:type/$validate`, validate);

  app.get(`${base}/:type/:id`, (request, reply) => {
    const { type, id } = request.params as { type: string; id: string };
    const found = ig.read(type, id);
    if (!found) return sendProblem(reply, request, 404, { code: 'not-found', message: `${type}/${id} is not a resource of this IG`, rule: 'server-not-found' });
    return send(reply, request, 200, found);
  });
  app.get(`${base}/:type`, (request, reply) => {
    const { type } = request.params as { type: string };
    const { url } = request.query as { url?: string };
    const found = ig.search(type, url);
    const self = `${request.protocol}://${request.host}${request.url}`;
    const root = `${request.protocol}://${request.host}${base}`;
    return send(reply, request, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      total: found.length,
      link: [{ relation: 'self', url: self }],
      entry: found.map((resource) => ({ fullUrl: `${root}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
    });
  });

  // While closing, each answer ends its connection: a keep-alive client would otherwise hold the
  // server open until its keep-alive timeout.
  let shuttingDown = false;
  app.addHook('onSend', async (_request, reply) => {
    if (shuttingDown) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async () => {
    if (shuttingDown) app.server.closeIdleConnections();
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      shuttingDown = true;
      await app.close();
      await pool.close();
    })());
  return { app, pool, close };
}
