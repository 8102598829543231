import { serveUi, launch, openApp } from './helpers.mjs';
const server = await serveUi(); const browser = await launch();
const { page, errors, remote } = await openApp(browser, server);
await page.waitForTimeout(2000);
console.log(errors, remote, await page.evaluate(() => document.body.innerText.slice(0,500)));
await browser.close(); await server.close();
