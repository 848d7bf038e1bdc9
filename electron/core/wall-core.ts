// Composition of the core: ingest → decode → validate → aggregate → frames.
// The Electron shell and the browser host both start the wall through `startWallCore`.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { SnapshotFrame, WallCommand, WallState } from '../contract/index.js';
import { WallAggregator } from './aggregate/wall-aggregator.js';
import { DEFAULT_SITE_RULES } from './aggregate/site-state-tracker.js';
import { loadSiteCatalogue, readResourceJson, resourcesDir, siteLevelsOf } from './config/resources.js';
import { WallConfigStore } from './config/wall-config-store.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './demo/embedded-broker.js';
import { TrafficSimulator } from './demo/simulator.js';
import { FrameScheduler } from './frames/frame-scheduler.js';
import { MqttIngest } from './ingest/mqtt-ingest.js';
import { WallJournal } from './journal/wall-journal.js';
import { consoleLog } from './log/wall-log.js';
import { renderMetrics } from './metrics.js';
import { WallController } from './wall/wall-controller.js';
import { AlarmDesk, ALARM_ACTION_TOPIC, applyAlarmAction, parseAlarmAction } from './alarms/alarm-desk.js';
import { compileWatchRules } from './watch/watch-rules.js';
import { compileAlarmRules, NO_ALARM_RULES } from './alarms/alarm-rules.js';
import { AuditLog } from './audit/audit-log.js';
import { shiftInfo, shiftWindow } from './shifts/shift-info.js';
import { HandoverService } from './reports/handover-service.js';
import { collectHandoverInputs } from './reports/handover-inputs.js';
import { ReportArchive } from './reports/report-archive.js';
import { CategoryMapper, loadCategoryMap } from './telemetry/category-map.js';
import { AttackMapper } from './attack/attack-map.js';
import { findGeoData, openGeoDatabase, type GeoDatabase, type GeoDataFiles } from './origins/geo-data.js';
import { OriginEnricher } from './origins/origin-enricher.js';
import { TelemetryDecoder } from './telemetry/decoder.js';
import { DEFAULT_PREFIX, subscriptionsFor } from './telemetry/topics.js';
import { mqttClientOptions } from './ingest/mqtt-security.js';
import type { WallCoreHandle, WallCoreOptions } from './wall-core-api.js';

export type { WallCoreHandle, WallCoreOptions } from './wall-core-api.js';

/** Opened once per process and set of files: every core of a process (tests, benchmarks) shares them. */
const geoDatabases = new Map<string, Promise<GeoDatabase>>();
function sharedGeoDatabase(files: GeoDataFiles): Promise<GeoDatabase> {
  const key = JSON.stringify(files);
  let db = geoDatabases.get(key);
  if (db === undefined) {
    db = openGeoDatabase(files);
    geoDatabases.set(key, db);
  }
  return db;
}

export async function startWallCore(options: WallCoreOptions): Promise<WallCoreHandle> {
  const log = options.log ?? consoleLog;
  const sites = loadSiteCatalogue();
  const siteIds = sites.map((s) => s.id);
  const knownSites = new Set(siteIds);
  const mapper = new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json')));
  const attackMap = AttackMapper.fromJson(readResourceJson('attack-map.json'));
  // The offline IP databases (origins/geo-data.ts): an administrator's copies in geoDir win.
  const geo = await sharedGeoDatabase(findGeoData(options.geoDir));
  for (const problem of geo.info.problems) log('warn', `origins: ${problem}`);
  const origins = new OriginEnricher(geo);

  // Everything that can refuse to start (profile files, TLS files) is read before anything runs.
  const configStore = new WallConfigStore({
    dir: options.configDir ?? join(resourcesDir(), 'wall'),
    profile: options.profile ?? 'single',
    catalogue: { sites: knownSites, districts: new Set(sites.map((s) => s.parent_district)) },
    log,
  });
  // Who is on duty, from the roster as it is now (shifts.yaml applies live, like a layout).
  // Held here, not read through configStore.config(), which builds a whole configuration:
  // the alarm summary asks for the shift every frame.
  let roster = configStore.config().shifts;
  const shiftInfoAt = (at: number) => shiftInfo(roster, at);
  const shiftWindowAt = (at: number) => shiftWindow(roster, at);
  const aggregator = new WallAggregator({
    siteIds,
    watchRules: compileWatchRules(configStore.config().watch),
    ...(options.sensorTimeoutMs !== undefined ? { siteRules: { ...DEFAULT_SITE_RULES, sensorTimeoutMs: options.sensorTimeoutMs } } : {}),
    alarms: {
      rules: compileAlarmRules(configStore.config().alarms ?? NO_ALARM_RULES),
      siteLevels: siteLevelsOf(sites),
      shiftAt: shiftInfoAt,
    },
    shiftWindowAt,
    origins,
    attackMap,
  });
  const audit = options.auditDir ? AuditLog.open({ dir: options.auditDir, log }) : null;
  const auditAction = (action: string, fields: Readonly<Record<string, unknown>> = {}) => audit?.append(action, fields);
  const clientOptions = mqttClientOptions(options.mqtt);
  configStore.watch();
  // The topic grammar under every prefix of the profile (bridged brokers: one per province).
  const prefixesOf = (config: ReturnType<typeof configStore.config>) => config.profile.mqtt?.topic_prefixes ?? [DEFAULT_PREFIX];
  let prefixes = prefixesOf(configStore.config());
  const subscriptionsOf = (list: readonly string[]) => [...new Set(list.flatMap((p) => subscriptionsFor(p)))];
  const decoder = new TelemetryDecoder({ categoryMap: mapper, attackMap, knownSites, prefixes });

  const demo = options.demo ?? options.brokerUrls.length === 0;
  let broker: EmbeddedBroker | null = null;
  let simulator: TrafficSimulator | null = null;
  let simulatorClient: mqtt.MqttClient | null = null;
  let brokerUrls = options.brokerUrls;
  if (demo && brokerUrls.length === 0) {
    broker = await startEmbeddedBroker();
    brokerUrls = [broker.url];
    log('info', `demo: embedded MQTT broker on ${broker.url}`);
  }

  const applyMessage = (topic: string, payload: Buffer, receivedAt: number) =>
    aggregator.apply(decoder.decode(topic, payload, receivedAt), receivedAt);
  // The journal's log holds the shift lead's alarm actions too, in order with the messages.
  const replayRecord = (topic: string, payload: Uint8Array, receivedAt: number) => {
    if (topic !== ALARM_ACTION_TOPIC) return applyMessage(topic, Buffer.from(payload), receivedAt);
    const parsed = parseAlarmAction(payload);
    if (parsed.ok) applyAlarmAction(aggregator.alarms, parsed.action);
    else log('warn', `journal: an alarm action could not be replayed: ${parsed.reason}`);
  };
  // Restore before any broker connection: the last state is on screen (stale) at once.
  const journal = options.journalDir ? WallJournal.open({ dir: options.journalDir, aggregator, replay: replayRecord, log }) : null;
  if (journal) {
    const r = journal.restore;
    log('info', `journal: ${r.restored ? `restored the state saved at ${new Date(r.savedAt ?? 0).toISOString()}` : 'no saved state, starting clean'}, replayed ${r.replayed} logged messages in ${Math.round(r.durationMs)} ms`);
    journal.start();
  }

  const ingest = new MqttIngest({
    brokerUrls,
    clientId: options.clientId ?? `soc-wall-${randomUUID().slice(0, 8)}`,
    subscriptions: subscriptionsOf(prefixes),
    demo,
    clientOptions,
    ...(options.reconnect ? { backoff: options.reconnect } : {}),
    lastMessageAt: journal?.restore.lastReceivedAt ?? null,
    // The wall was last running at its last saved state or its last logged message.
    downSince: journal ? Math.max(journal.restore.savedAt ?? 0, journal.restore.lastReceivedAt ?? 0) || null : null,
    // Logged before it is applied, and both before mqtt.js acknowledges it: nothing acked is lost.
    onMessage: (topic, payload, receivedAt) => {
      journal?.record(topic, payload, receivedAt);
      applyMessage(topic, payload, receivedAt);
    },
    log,
  });
  ingest.start();

  if (demo) {
    const client = mqtt.connect(brokerUrls[0]!, { clientId: `soc-wall-simulator-${randomUUID().slice(0, 8)}`, reconnectPeriod: 1000 });
    simulatorClient = client;
    simulator = new TrafficSimulator({
      sites,
      speed: options.demoSpeed ?? 10,
      publish: (topic, payload, o) => {
        if (client.connected) client.publish(topic, payload, o);
      },
    });
    client.once('connect', () => simulator?.start());
    log('info', `demo: simulator at ${options.demoSpeed ?? 10}× the province's real event rate`);
  }

  const rejectedCalls: Record<string, number> = {};
  const countRejectedCall = (reason: string) => {
    rejectedCalls[reason] = (rejectedCalls[reason] ?? 0) + 1;
  };
  const desk = new AlarmDesk({
    book: aggregator.alarms,
    ...(journal ? { record: (t: string, p: Uint8Array, at: number) => journal.record(t, p, at) } : {}),
    audit: auditAction,
    shiftAt: shiftInfoAt,
  });
  // Hand-over reports: at each shift boundary and on `H`, from what the core keeps.
  const reportArchive = options.reportsDir ? new ReportArchive({ dir: options.reportsDir }) : null;
  const siteNames = new Map(sites.map((s) => [s.id, s]));
  // The report's language is the wall's: read from the controller once it exists (below).
  let languageNow: () => 'vi' | 'en' = () => options.language ?? 'vi';
  const handover = reportArchive
    ? new HandoverService({
        archive: reportArchive,
        windowAt: shiftWindowAt,
        keptShifts: () => aggregator.shifts.all(),
        collect: (reason, window, now) => collectHandoverInputs({ aggregator, link: ingest.link(), roster, sites: siteNames, language: languageNow() }, reason, window, now),
        audit: auditAction,
        log,
      })
    : null;
  const state = new WallController({
    config: configStore.config(),
    ...(handover ? { reports: handover } : {}),
    language: options.language,
    persistence: options.persistence,
    pinHash: options.pinHash ?? null,
    countRejected: countRejectedCall,
    alarms: desk,
    audit: auditAction,
    log,
  });
  configStore.subscribe((config) => state.applyConfig(config));
  languageNow = () => state.get().language;
  handover?.start();
  let alarmRules = configStore.config().alarms;
  let watchRules = configStore.config().watch;
  configStore.subscribe((config) => {
    if (config.alarms !== alarmRules) aggregator.alarms.setRules(compileAlarmRules(config.alarms ?? NO_ALARM_RULES));
    alarmRules = config.alarms;
    if (config.watch !== watchRules) aggregator.watch.setRules(compileWatchRules(config.watch));
    watchRules = config.watch;
    if (roster !== config.shifts) {
      roster = config.shifts;
      handover?.rearm();
    }
    auditAction(config.errors.length > 0 ? 'config-refused' : 'config-applied', { rev: config.rev, errors: config.errors.length, first: config.errors[0] ? `${config.errors[0].file}: ${config.errors[0].reason}` : null });
  });
  configStore.subscribe((config) => {
    const next = prefixesOf(config);
    if (next.join('\n') === prefixes.join('\n')) return;
    prefixes = next;
    decoder.setPrefixes(next);
    ingest.setSubscriptions(subscriptionsOf(next));
    log('info', `MQTT topic prefixes now ${next.join(', ')}`);
  });
  // The outage preset follows the link's changes (one timer in the controller), not the frames.
  state.noteLink(ingest.link());
  const offLink = ingest.onLink((link) => state.noteLink(link));
  const frames = new FrameScheduler(() => aggregator.delta(ingest.link()), options.frameHz ?? 4);
  // The controller hears of alarm changes with the frame that carries them (selection, alarm preset).
  const offAlarms = frames.subscribe((frame) => {
    if (frame.alarms.alarms.length > 0 || frame.alarms.removed.length > 0) state.noteAlarms(desk.view());
  });
  frames.start();

  return {
    snapshot: (): SnapshotFrame => aggregator.snapshot(ingest.link()),
    onFrame: (listener) => frames.subscribe(listener),
    getState: (): WallState => state.get(),
    onState: (listener) => state.subscribe(listener),
    command: (command: WallCommand, client?: string) => state.command(command, client),
    handleKey: (key, screen) => state.handleKey(key, screen),
    getConfig: () => configStore.config(),
    onConfig: (listener) => configStore.subscribe(listener),
    countRejectedCall,
    reports: reportArchive ? { list: () => reportArchive.list(), file: (name) => reportArchive.file(name) } : null,
    metrics: () =>
      renderMetrics({
        eventsTotal: aggregator.eventsTotal,
        ingest: aggregator.ingestStats(),
        link: ingest.link(),
        framesTotal: frames.framesTotal,
        frameSeq: aggregator.frameSeq,
        rejectedCalls,
        clients: frames.listenerCount,
        journal: journal?.status() ?? null,
        limits: aggregator.refusedByLimit(),
        alarms: { summary: aggregator.alarms.summary(Date.now()), raisedTotal: aggregator.alarms.raisedTotal, refused: aggregator.alarms.refused },
        watch: { summary: aggregator.watch.summary(), entered: aggregator.watch.entered },
        origins: {
          byCountry: aggregator.threats.origins.byCountryTotal,
          internal: aggregator.threats.origins.internalTotal,
          unknown: aggregator.threats.origins.unknownTotal,
          operatorsRefused: aggregator.threats.origins.operatorsRefused,
          cache: { entries: origins.size, hits: origins.hits, misses: origins.misses },
        },
      }),
    stop: async () => {
      frames.stop();
      offAlarms();
      offLink();
      state.stop();
      await handover?.stop();
      configStore.close();
      simulator?.stop();
      await simulatorClient?.endAsync(true).catch(() => undefined);
      await ingest.stop();
      await journal?.close();
      audit?.close();
      await broker?.close();
    },
  };
}
