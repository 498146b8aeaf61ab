// Dev aid (not a test): for each page, the elements that reach past the right edge at a width.
const { chromium } = require("@playwright/test");
const fs = require("fs");
(async () => {
  const [site, worldFile, width, role, js] = process.argv.slice(2);
  const world = JSON.parse(fs.readFileSync(worldFile, "utf8"));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: +width, height: 800 }, javaScriptEnabled: js !== "nojs" });
  if (role && role !== "anonymous") await context.addCookies([{ name: "bayline_session", value: world.sessions[role], url: site }]);
  const page = await context.newPage();
  for (const path of world.pages) {
    await page.goto(site + path);
    const found = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const extra = document.documentElement.scrollWidth - w;
      if (extra <= 0) return null;
      const out = [];
      for (const el of document.querySelectorAll("body *")) {
        const r = el.getBoundingClientRect();
        if (r.right > w + 0.5 && r.width > 0) {
          const parent = el.parentElement && el.parentElement.getBoundingClientRect().right > w + 0.5;
          if (!parent) out.push(`${el.tagName.toLowerCase()}.${el.className}#${el.id} right=${Math.round(r.right)} w=${Math.round(r.width)}`);
        }
      }
      return { extra, out: out.slice(0, 6) };
    });
    if (found) console.log(path, found.extra, "\n   " + found.out.join("\n   "));
  }
  await browser.close();
})();
