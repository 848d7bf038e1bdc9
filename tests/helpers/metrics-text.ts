// Reading figures out of the wall's Prometheus text in tests.

/** `socwall_rejected_calls_total{reason="…"}` of a /metrics text (0 when the reason has not occurred). */
export function rejectedCalls(metrics: string, reason: string): number {
  const m = new RegExp(`^socwall_rejected_calls_total\\{reason="${reason}"\\} (\\d+)`, 'mu').exec(metrics);
  return m ? Number(m[1]) : 0;
}
