// What a hand-over report is made of, gathered from the running core: the aggregator's shift
// tallies, alarm book and sensor outages, the link's gaps, the roster's crews, the site names.
import type { Language, LinkState, ShiftRosterDef } from '../../contract/index.js';
import { SENSOR_OUTAGES_KEPT } from '../aggregate/site-state-tracker.js';
import type { WallAggregator } from '../aggregate/wall-aggregator.js';
import { CLOSED_KEPT } from '../alarms/alarm-book.js';
import type { CatalogueSite } from '../config/resources.js';
import { shiftWindow } from '../shifts/shift-info.js';
import { shiftAt } from '../shifts/shift-roster.js';
import type { HandoverInputs, ReportCrew, ReportReason } from './handover-report.js';
import type { ShiftWindow } from './shift-tally.js';

export interface HandoverSources {
  aggregator: WallAggregator;
  link: LinkState;
  roster: ShiftRosterDef | null;
  sites: ReadonlyMap<string, Pick<CatalogueSite, 'name_vi' | 'name_en'>>;
  language: Language;
}

function crewAt(roster: ShiftRosterDef | null, at: number): ReportCrew | null {
  if (roster === null) return null;
  const s = shiftAt(roster, at);
  return { name: s.name, lead: s.lead, members: s.members };
}

export function collectHandoverInputs(src: HandoverSources, reason: ReportReason, window: ShiftWindow, now: number): HandoverInputs {
  const { aggregator, roster, language } = src;
  const history = aggregator.alarms.history();
  const sensorOutages = aggregator.sites.sensorOutages();
  return {
    reason,
    now,
    language,
    window,
    windowAt: (at) => shiftWindow(roster, at),
    off: crewAt(roster, window.start),
    on: crewAt(roster, window.end),
    tallies: aggregator.shifts.all(),
    ingestNow: aggregator.ingestStats(),
    live: aggregator.alarms.live(),
    closed: history.closed,
    floods: history.flood ? [...history.floods, history.flood] : history.floods,
    link: src.link,
    sensorOutages,
    closedFull: history.closed.length >= CLOSED_KEPT,
    outagesFull: sensorOutages.length >= SENSOR_OUTAGES_KEPT,
    darkSensors: aggregator.sites.darkSensors(now),
    siteName: (id) => {
      const s = src.sites.get(id);
      return s ? (language === 'vi' ? s.name_vi : s.name_en) : id;
    },
  };
}
