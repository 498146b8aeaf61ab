// The screenshots of scripts/screenshots: each page at 1280 and 390 px wide, light and dark,
// signed in as the person who would see it. Usage: node screenshots.cjs SITE WORLD_JSON OUT_DIR
const { chromium } = require("@playwright/test");
const fs = require("fs");
const path = require("path");

const [site, worldFile, out] = process.argv.slice(2);
const world = JSON.parse(fs.readFileSync(worldFile, "utf8"));
const find = (prefix) => world.pages.find((p) => p.startsWith(prefix));
const shots = [
  { name: "home", path: "/", role: null },
  { name: "finder", path: "/programs?zip=48201&radius=50", role: null },
  // A real program (Wayne County Community College District, IPEDS), not a SYNTHETIC one.
  { name: "profile", path: "/programs/172635?zip=48201", role: null },
  { name: "thread", path: find("/partnerships/"), role: "instructor" },
  { name: "invoice", path: find("/invoices/"), role: "shop_owner" },
  // A student's application, as the shop answers it and as the student reads it.
  { name: "application-shop", path: find("/applications/"), role: "shop_owner" },
  { name: "application-student", path: find("/applications/"), role: "student" },
];
const widths = [
  { label: "desktop", width: 1280, height: 900 },
  { label: "phone", width: 390, height: 844 },
];

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  for (const scheme of ["light", "dark"]) {
    for (const { label, width, height } of widths) {
      for (const shot of shots) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
        if (shot.role) {
          await context.addCookies([{ name: "bayline_session", value: world.sessions[shot.role], url: site }]);
        }
        const page = await context.newPage();
        await page.goto(site + shot.path, { waitUntil: "networkidle" });
        const file = path.join(out, `${shot.name}-${label}${scheme === "dark" ? "-dark" : ""}.png`);
        await page.screenshot({ path: file });
        console.log(`${file}  (${shot.path})`);
        await context.close();
      }
    }
  }
  await browser.close();
})();
