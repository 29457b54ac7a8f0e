import { VIEWPORT_NAMES, useBrowser } from '../support/browser';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/**
 * Sign-in, who is signed in, sign-out, and an expired session that returns to
 * sign-in and then back to where the user was — at a phone's and a desk's size.
 */
describe.each(browser.sizes)('signing in (%s)', (viewport) => {
  it('asks for sign-in, comes back to the page asked for, shows who is signed in, signs out', async () => {
    const w = await browser.newPage(viewport);
    const started = Date.now();
    await w.open('/tasks');
    await w.page.getByLabel('用户名').waitFor();
    // Cold cache to an interactive sign-in form: printed, never asserted (speed belongs to bench/).
    console.log(`[${viewport}] first screen interactive after ${Date.now() - started} ms (cold cache)`);
    expect(new URL(w.page.url()).searchParams.get('next')).toBe('/tasks');
    await w.screenshot('sign-in');

    w.expectRefusal(401, /^\/auth\/login$/);
    await w.page.getByLabel('用户名').fill('tsq-cyjd.reviewer');
    await w.page.getByLabel('密码').fill('not-the-password');
    await w.page.getByRole('button', { name: /登\s*录/ }).click();
    await w.page.getByRole('alert').filter({ hasText: /用户名或密码/ }).waitFor();

    await w.signIn('tsq-cyjd.reviewer');
    expect(new URL(w.page.url()).pathname).toBe('/app/tasks');
    const who = w.page.getByTestId('current-user');
    await expect(who.textContent()).resolves.toContain('财源街道');
    if (viewport === 'desk') await expect(who.textContent()).resolves.toContain('审核人');
    else {
      // On a phone the role and organisation are one tap away, in the navigation drawer.
      await w.page.getByRole('button', { name: '打开导航' }).click();
      const drawer = w.page.getByRole('dialog').filter({ hasText: '审核人' });
      await drawer.waitFor();
      await w.page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    }
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('my-work-empty');

    await w.signOut();
    await w.open('/tasks');
    await w.page.getByLabel('用户名').waitFor();
  });

  it('returns an expired session to sign-in, then back to where the user was', async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('tsq-cyjd.reviewer');
    await w.open('/tasks?from=expiry');
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
    // The server stops accepting the token (as when it expires or the secret rotates).
    await w.page.evaluate(`(() => {
      const s = JSON.parse(sessionStorage.getItem('pennant.session'));
      sessionStorage.setItem('pennant.session', JSON.stringify({ ...s, token: s.token + 'x' }));
    })()`);
    // My work asks for its tasks and its filters' options, the header for the unread notifications: all are refused once the token is not accepted.
    w.expectRefusal(401, /^\/tasks(\/filters)?$|^\/notifications\/unread-count$/);
    await w.page.reload();
    await w.page.getByText('登录已过期，请重新登录').waitFor();
    await w.screenshot('sign-in-expired');
    await w.signIn('tsq-cyjd.reviewer');
    expect(new URL(w.page.url()).pathname + new URL(w.page.url()).search).toBe('/app/tasks?from=expiry');
  });
});

describe.each(browser.sizes)('when the network or the server fails (%s)', (viewport) => {
  it('says so in Chinese with a retry, never a blank screen, and recovers when retried', async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('tsq-cyjd.reviewer');
    await w.cutNetwork(/^\/tasks$/);
    await w.open('/tasks');
    const failure = w.page.getByRole('alert').filter({ hasText: '网络连接失败，请检查网络后重试' });
    await failure.waitFor();
    await w.screenshot('network-failure');
    await w.restoreNetwork();
    await failure.getByRole('button', { name: /重\s*试/ }).click();
    await failure.waitFor({ state: 'detached' });
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();

    // A 5xx: the server's Chinese message, and the retry.
    w.expectRefusal(503, /^\/tasks$/);
    await w.page.route(
      (url) => url.pathname === '/tasks',
      (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法连接，请稍后重试' }) }),
    );
    await w.page.reload();
    await w.page.getByRole('alert').filter({ hasText: '数据库暂时无法连接，请稍后重试' }).getByRole('button', { name: /重\s*试/ }).waitFor();
  });
});
