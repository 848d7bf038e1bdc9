// world-atlas ships TopoJSON as plain .json files. Typed here as the Topology that
// topojson-client's `feature` reads: inferring the type of the 750 kB file would be slow, and too
// loose (`type: string`) to pass to `feature` anyway.
declare module 'world-atlas/countries-50m.json' {
  import type { feature } from 'topojson-client';
  const topology: Parameters<typeof feature>[0];
  export default topology;
}
