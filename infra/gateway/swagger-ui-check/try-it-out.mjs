// Drives the gateway's Swagger UI in headless Chromium as a newcomer would: Authorize with the
// development client (client credentials), "Try it out" on GET /api/detainees, and expects 200.
// Saves a screenshot of the page. Run it with ./try-it-out (it installs playwright-core first).
import { chromium } from 'playwright-core';

const gateway = process.env.GATEWAY_URL || `http://localhost:${process.env.GATEWAY_PORT || 8000}`;
const clientSecret = process.env.RETURNFLOW_CLIENT_RETURNFLOW_DEV_SECRET || 'returnflow-dev-local-secret';
const screenshot = process.argv[2] || 'swagger-ui-try-it-out.png';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(30000);
page.on('response', (response) => {
  if (response.url().includes('/oauth2/token')) {
    console.log(`token request: ${response.request().method()} ${response.url()} -> ${response.status()}`);
  }
});
page.on('requestfailed', (request) => console.log(`request failed: ${request.url()} ${request.failure()?.errorText}`));
try {
  await page.goto(`${gateway}/swagger-ui.html`);
  await page.waitForSelector('#operations-detainees-list');
  console.log(`Swagger UI at ${page.url()} shows ${await page.locator('.opblock').count()} operations of detention-service`);

  // Authorize: the client id is filled in; the secret is typed, as a user would.
  await page.click('.scheme-container button.authorize');
  const dialog = page.locator('.dialog-ux');
  const clientId = await dialog.locator('input[data-name="clientId"]').inputValue();
  await dialog.locator('input[data-name="clientSecret"]').fill(clientSecret);
  await dialog.locator('button.modal-btn.authorize').click();
  await dialog.locator('button.modal-btn', { hasText: 'Logout' }).waitFor();
  console.log(`Authorized as ${clientId} with a token from the authorisation server`);
  await dialog.locator('button.btn-done').click();

  // Only the detainees group stays open, and the schemas closed, so the screenshot shows the call.
  for (const tag of await page.locator('.opblock-tag').all()) {
    if ((await tag.getAttribute('data-tag')) !== 'detainees') {
      await tag.click();
    }
  }
  await page.locator('.models-control').click();

  // Try it out (enabled by default): execute GET /api/detainees.
  const operation = page.locator('#operations-detainees-list');
  await operation.locator('.opblock-summary-control').click();
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
  await status.waitFor();
  const code = (await status.innerText()).trim();
  const url = (await operation.locator('.request-url pre').first().innerText()).trim();
  console.log(`GET ${url} answered ${code}`);
  // From the top of the page (Authorize, locked) down to the server's response.
  const bottom = await operation.locator('.live-responses-table').evaluate(
    (table) => table.getBoundingClientRect().bottom + window.scrollY + 16);
  await page.screenshot({ path: screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } });
  console.log(`Screenshot: ${screenshot}`);
  if (code !== '200') {
    throw new Error(`expected 200, got ${code}`);
  }
} catch (e) {
  const failed = screenshot.replace(/\.png$/, '') + '.failed.png';
  await page.screenshot({ path: failed, fullPage: true });
  console.error(`Failed; the page as it was: ${failed}`);
  throw e;
} finally {
  await browser.close();
}
