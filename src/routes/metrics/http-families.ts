import { DURATION_BUCKETS, type RequestSeries } from '../../services/http-metrics';
import type { MetricFamily } from './prometheus';

const total = (series: RequestSeries) => series.buckets.reduce((sum, n) => sum + n, 0);

/** http_requests_total and the http_request_duration_seconds histogram, by method, route template and status. */
export function httpFamilies(all: RequestSeries[]): MetricFamily[] {
  const labels = (s: RequestSeries) => ({ method: s.method, route: s.route, status: s.status });
  return [
    {
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status (all isolates, kept in Redis).',
      type: 'counter',
      samples: all.map((s) => ({ labels: labels(s), value: total(s) })),
    },
    {
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to its response, by method, route template and status.',
      type: 'histogram',
      samples: all.flatMap((s) => {
        let cumulative = 0;
        const buckets = s.buckets.map((n, i) => {
          cumulative += n;
          const le = i < DURATION_BUCKETS.length ? String(DURATION_BUCKETS[i]) : '+Inf';
          return { suffix: '_bucket', labels: { ...labels(s), le }, value: cumulative };
        });
        return [
          ...buckets,
          { suffix: '_sum', labels: labels(s), value: Number(s.sumSeconds.toFixed(6)) },
          { suffix: '_count', labels: labels(s), value: cumulative },
        ];
      }),
    },
  ];
}
