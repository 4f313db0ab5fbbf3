import { describe, expect, it } from 'vitest';
import { httpFamilies } from '../../src/routes/metrics/http-families';
import { renderPrometheus } from '../../src/routes/metrics/prometheus';
import { bucketIndex, DURATION_BUCKETS } from '../../src/services/http-metrics';

describe('bucketIndex', () => {
  it.each([
    [0, 0],
    [0.005, 0], // a bucket's bound is inclusive (le)
    [0.0051, 1],
    [0.3, 6], // ≤ 0.5
    [10, 10],
    [10.001, DURATION_BUCKETS.length], // +Inf
  ])('%s s falls in bucket %i', (seconds, index) => {
    expect(bucketIndex(seconds)).toBe(index);
  });
});

describe('httpFamilies', () => {
  const series = {
    method: 'GET',
    route: '/challenges/:id',
    status: '200',
    buckets: [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    sumSeconds: 20.0125,
  };

  it('renders the counter and the cumulative histogram, +Inf and _count equal to the total', () => {
    const text = renderPrometheus(httpFamilies([series]));
    const labels = 'method="GET",route="/challenges/:id",status="200"';
    expect(text).toContain('# TYPE http_requests_total counter\n');
    expect(text).toContain(`http_requests_total{${labels}} 4\n`);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram\n');
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.005"} 2\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.01"} 2\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.025"} 3\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="10"} 3\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="+Inf"} 4\n`);
    expect(text).toContain(`http_request_duration_seconds_sum{${labels}} 20.0125\n`);
    expect(text).toContain(`http_request_duration_seconds_count{${labels}} 4\n`);
  });

  it('has the families (with no samples) when nothing was counted yet', () => {
    expect(httpFamilies([]).map((f) => [f.name, f.samples.length])).toEqual([
      ['http_requests_total', 0],
      ['http_request_duration_seconds', 0],
    ]);
  });
});
