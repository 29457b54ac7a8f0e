import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page, type Response, chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../../libs/persistence/src';
import { type SystemOptions, type TestSystem, startSystem } from './system';

const ROOT = path.resolve(__dirname, '../..');
const WEB_DIR = path.join(ROOT, 'dist/web');
/** Where every screen is photographed at both sizes (named in the README; not committed). */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(ROOT, '.pennant/screenshots');

const AXE = require.resolve('axe-core/axe.min.js');
/** The basics the issue asks for: labels on every field, named buttons and links, valid ARIA. */
const ACCESSIBILITY_RULES = ['label', 'button-name', 'link-name', 'image-alt', 'select-name', 'input-button-name', 'aria-required-attr', 'aria-valid-attr', 'aria-valid-attr-value', 'duplicate-id-aria'];

export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desk: { viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export const VIEWPORT_NAMES = Object.keys(VIEWPORTS) as ViewportName[];

/** Debian's Chromium (`.ci/run` installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is missing: `apt-get install chromium fonts-noto-cjk` (.ci/run does), or set CHROMIUM_PATH');
  }
}

/**
 * One page of the web application, watched: a console error, an uncaught exception, a request that
 * failed on the network, a 5xx, or a 4xx the test did not announce with `expectRefusal` fails the test
 * at `verify()`, because each is something the screen did not handle.
 */
export class WatchedPage {
  private readonly problems: string[] = [];
  private readonly refusals: Array<{ status: number; path: RegExp; seen: number }> = [];
  private readonly networkFailures: RegExp[] = [];

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly viewport: ViewportName,
    private readonly baseUrl: string,
    /** Sizes no flow of the file walks: each screenshot draws the screen at them too, by resizing this page. */
    private readonly drawAlsoAt: readonly ViewportName[] = [],
  ) {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Chromium logs every 4xx/5xx fetch as "Failed to load resource"; those are judged by their response below.
      if (msg.text().startsWith('Failed to load resource')) return;
      this.problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught: ${err.message}`));
    page.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText ?? '';
      // A navigation away aborts pending requests; that is not a failure the user sees.
      if (failure.includes('ERR_ABORTED')) return;
      if (this.networkFailures.some((p) => p.test(new URL(req.url()).pathname))) return;
      this.problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
    });
    page.on('response', (res) => this.judge(res));
  }

  private judge(res: Response): void {
    const status = res.status();
    if (status < 400) return;
    const url = new URL(res.url());
    const expected = this.refusals.find((r) => r.status === status && r.path.test(url.pathname));
    if (expected) {
      expected.seen++;
      return;
    }
    this.problems.push(`unexpected ${status}: ${res.request().method()} ${url.pathname}`);
  }

  /** Answers with this status on a matching path are part of the test (a refusal or an outage the screen shows). */
  expectRefusal(status: number, path: RegExp): void {
    this.refusals.push({ status, path, seen: 0 });
  }

  /** Requests to matching paths fail on the network until `restoreNetwork()`: the screen must say so and offer a retry. */
  async cutNetwork(path: RegExp): Promise<void> {
    this.networkFailures.push(path);
    await this.page.route((url) => path.test(url.pathname), (route) => route.abort('internetdisconnected'));
  }

  async restoreNetwork(): Promise<void> {
    await this.page.unrouteAll();
  }

  /** Opens a path of the web application (`/tasks` → /app/tasks). */
  async open(appPath: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/app${appPath}`);
  }

  /** Signs in through the sign-in screen. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    if (!/\/app\/login/.test(this.page.url())) await this.open('/login');
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: /登\s*录/ }).click();
    await this.page.getByTestId('current-user').waitFor();
  }

  /**
   * Picks an option of an Ant Design select by its visible text (its accessible options carry
   * the value, not the label, so getByRole('option') does not find them by their Chinese text).
   */
  async choose(field: Locator, option: string): Promise<void> {
    await field.click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /退\s*出/ }).click();
    await this.page.getByLabel('用户名').waitFor();
  }

  /**
   * Writes the screen as it is now to SCREENSHOT_DIR/<viewport>/<name>.png, and checks it for the
   * accessibility basics (every field, button and link named; valid ARIA) with axe-core:
   * a violation is a problem of the page like a console error.
   */
  async screenshot(name: string): Promise<void> {
    await this.capture(this.viewport, name);
    for (const v of await this.accessibilityViolations()) this.problems.push(`accessibility (${name}): ${v}`);
    for (const other of this.drawAlsoAt) await this.drawAt(other, name);
  }

  private async capture(viewport: ViewportName, name: string): Promise<void> {
    const dir = path.join(SCREENSHOT_DIR, viewport);
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }

  /**
   * The screen as it is now, at another size: the page is resized (what is typed, open dialogs and the
   * route stay), checked for sideways scrolling and photographed, then given its own size back. The DOM
   * is the same one axe has just checked; only the layout differs.
   */
  private async drawAt(other: ViewportName, name: string): Promise<void> {
    const { viewport, isMobile } = VIEWPORTS[other];
    // A phone's scrollbars overlay the page, taking none of its width; a desk's take 15 px. (A phone's own context, which
    // widens its layout to fit what overflows, would hide a few pixels of sideways scrolling that a phone shows its user.)
    const cdp = isMobile ? await this.context.newCDPSession(this.page) : undefined;
    await cdp?.send('Emulation.setScrollbarsHidden', { hidden: true });
    await this.page.setViewportSize(viewport);
    await this.settle(viewport.width);
    const overflow = await this.overflowOnceFitted();
    if (overflow > 0) this.problems.push(`${name} scrolls sideways by ${overflow} px at the ${other}'s size`);
    await this.capture(other, name);
    await cdp?.send('Emulation.setScrollbarsHidden', { hidden: false });
    await cdp?.detach();
    const own = VIEWPORTS[this.viewport].viewport;
    await this.page.setViewportSize(own);
    await this.settle(own.width);
  }

  /**
   * The sideways scrolling left once the page has had its chance to fit the new width: charts redraw on a
   * resize observer of their own, a few frames after the media queries. Read every frame for up to 3 s.
   */
  private async overflowOnceFitted(): Promise<number> {
    return this.page.evaluate<number>(`new Promise((done) => {
      const until = performance.now() + 3000;
      const read = () => {
        const overflow = document.documentElement.scrollWidth - Math.min(window.innerWidth, screen.width);
        if (overflow <= 0 || performance.now() > until) done(overflow);
        else requestAnimationFrame(read);
      };
      read();
    })`);
  }

  /** Waits for the layout a width calls for: antd's breakpoints re-render after the media queries fire. */
  private async settle(width: number): Promise<void> {
    await this.page.evaluate('new Promise((done) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => done(undefined)), 0)))');
    // The application's frame shows the phone's menu button below antd's md breakpoint (768 px), the sider above it.
    if (await this.page.locator('.app-layout').count()) {
      await (width < 768 ? this.page.getByRole('button', { name: '打开导航' }) : this.page.locator('.app-sider')).waitFor();
    }
  }

  private async accessibilityViolations(): Promise<string[]> {
    // Once per loaded document: a route change inside the application keeps it.
    if (!(await this.page.evaluate<boolean>('typeof window.axe === "object"'))) await this.page.addScriptTag({ path: AXE });
    // Violations only: axe then skips recording what passed, most of its time on a large page.
    const result = await this.page.evaluate<Array<{ id: string; help: string; targets: string[] }>>(`
      axe.run(document, { runOnly: { type: 'rule', values: ${JSON.stringify(ACCESSIBILITY_RULES)} }, resultTypes: ['violations'] })
        .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))
    `);
    return result.map((v) => `${v.id} — ${v.help}: ${v.targets.join(', ')}`);
  }

  /** Nothing wider than the screen: no horizontal scrolling on a phone. */
  async horizontalOverflow(): Promise<number> {
    // Against the screen's width, not the window's: a phone widens its layout to fit what overflows, and its window with it.
    // (A string, so that the test code compiles without the DOM's types.)
    return this.page.evaluate<number>('document.documentElement.scrollWidth - Math.min(window.innerWidth, screen.width)');
  }

  /** Fails with every problem seen on the page so far. */
  verify(): void {
    if (this.problems.length) throw new Error(`the page had problems it did not handle:\n${this.problems.join('\n')}`);
  }
}

export interface BrowserHarness {
  sys(): TestSystem;
  /** The sizes this file walks its flows at (`describe.each(browser.sizes)`). */
  sizes: readonly ViewportName[];
  /** A fresh browser context (no session, cold cache) at one of the two sizes. */
  newPage(viewport: ViewportName): Promise<WatchedPage>;
  /** Closes the page and opens another in the same browser profile (its localStorage kept, the tab's session gone). */
  reopen(page: WatchedPage): Promise<WatchedPage>;
}

/**
 * The whole system with the built web application, and Chromium, once per test file: call it at the
 * file's top level, so that the sizes walked (`describe.each(browser.sizes)` under it) share the one
 * system, each page in a browser context of its own size. What one size changes the other then sees:
 * a test that changes state gives each size its own data (another user, branch, year or item).
 * Every page opened is verified and closed after each test.
 *
 * `walk`: the sizes whose flows the file walks. By default the desk's alone, every screenshot also
 * drawing the screen at the phone's size (sideways scrolling checked, the picture kept): a screen is
 * laid out for a phone by its width, and walking the same flow again on the server costs a CI run
 * minutes. A file whose screens behave differently on a phone (sign-in, the menu, the inbox, copied
 * tasks) walks both.
 */
export function useBrowser(options: SystemOptions = {}, { walk = ['desk'] }: { walk?: readonly ViewportName[] } = {}): BrowserHarness {
  const drawnOnly = VIEWPORT_NAMES.filter((v) => !walk.includes(v));
  let sys: TestSystem | undefined;
  let browser: Browser | undefined;
  let open: WatchedPage[] = [];
  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR} is missing: run \`npm run build\` first (npm test does)`);
    [sys, browser] = await Promise.all([
      startSystem({ ...options, apiEnv: { WEB_DIR, ...options.apiEnv } }),
      chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] }),
    ]);
  });
  afterEach(async () => {
    const pages = open;
    open = [];
    for (const p of pages) await p.context.close();
    for (const p of pages) p.verify();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });
  return {
    sys: () => sys!,
    sizes: walk,
    async newPage(viewport) {
      // Reduced motion, as a user may ask for it: headless Chromium sometimes never ends antd's leave animations, leaving a closed dialog or a spinner in the page.
      const context = await browser!.newContext({ ...VIEWPORTS[viewport], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
      context.setDefaultTimeout(20_000);
      const watched = new WatchedPage(await context.newPage(), context, viewport, sys!.baseUrl, drawnOnly);
      open.push(watched);
      return watched;
    },
    async reopen(page) {
      page.verify();
      await page.page.close();
      const watched = new WatchedPage(await page.context.newPage(), page.context, page.viewport, sys!.baseUrl, drawnOnly);
      open = open.filter((p) => p !== page);
      open.push(watched);
      return watched;
    },
  };
}
