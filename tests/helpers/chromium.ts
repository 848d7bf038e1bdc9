// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `extraArgs`: e.g. `--autoplay-policy=no-user-gesture-required`, as Electron's wall windows have it. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...extraArgs],
  });
}

/** Where end-to-end screenshots are saved as test artefacts. */
export function artefactDir(): string {
  const dir = new URL('../../test-results/e2e/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A 960×540 page showing one screen of the wall (`?screen=`), once it is on screen; its page
 * errors and console errors go to `problems`. `initScript` runs before the page's own scripts.
 */
export async function openScreen(browser: Browser, hostUrl: string, screen: string, problems: string[], initScript?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  page.on('pageerror', (e) => problems.push(`${screen}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${screen}: ${m.text()}`);
  });
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${hostUrl}?screen=${screen}`);
  await page.waitForSelector(`[data-testid="screen"][data-screen="${screen}"]`);
  return page;
}
