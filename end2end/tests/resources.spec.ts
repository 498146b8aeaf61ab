import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { addShop, address, person, setBillingDetails, signIn, signInAsNewAdmin, signUp } from "./people";
import { noJs, watchConsole } from "./support";

// The resources library, JavaScript on and off. An admin writes a public article and a
// members-only one (a taken address is refused beside its field first; a script in the
// Markdown is removed); the public reads the public one and searches, but cannot list, find
// (not even by a word only its body holds) or open the members-only one, whose address is
// the not-found page. A shop that buys a plan unlocking the resources (an admin marks the
// invoice paid) then reads it, with a Members badge. People and shops are SYNTHETIC.

type Article = { title: string; visibility: "public" | "members"; body: string; slug?: string };

/** Writes an article through /admin/resources as the signed-in admin; returns its path. */
async function write(page: Page, article: Article): Promise<string> {
  await page.goto("/admin/resources");
  const form = page.locator("form.resource-form");
  await form.getByLabel("Title").fill(article.title);
  if (article.slug) await form.getByLabel("Address (slug)").fill(article.slug);
  await form.getByLabel("Summary").fill(`${article.title}: the short version.`);
  await form.getByLabel("Category").selectOption("retention");
  await form.getByLabel("Who may read it").selectOption(article.visibility);
  await form.getByLabel("Article", { exact: true }).fill(article.body);
  await form.getByRole("button", { name: "Save article" }).click();
  await expect(page).toHaveURL(/\/resources\/[a-z0-9-]+\?done=saved$/);
  await expect(page.getByRole("status")).toHaveText("Saved.");
  return new URL(page.url()).pathname;
}

const stamp = () => `${test.info().project.name}${Date.now() % 1_000_000}`;

test("an admin writes a public and a members-only article; the public reads, searches and never finds the members' one", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const s = stamp();
  const secret = `quill${s}`.replace(/[^a-z0-9]/g, "");
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  const publicTitle = `Keeping technicians ${s}`;
  const publicPath = await write(admin.page, {
    title: publicTitle,
    visibility: "public",
    body: `Say **thank you**, every week.\n\n<script>window.pwned = 1</script>\n\n[click](javascript:alert(1))`,
  });
  await expect(admin.page.locator(".article-body strong")).toHaveText("thank you");
  await expect(admin.page.locator(".article-body script")).toHaveCount(0);
  await expect(admin.page.locator('.article-body a[href^="javascript"]')).toHaveCount(0);

  // A second article on the same address is refused beside the address, keeping the title.
  const membersTitle = `Partner playbook ${s}`;
  const page = admin.page;
  await page.goto("/admin/resources");
  const form = page.locator("form.resource-form");
  await form.getByLabel("Title").fill(membersTitle);
  await form.getByLabel("Address (slug)").fill(publicPath.replace("/resources/", ""));
  await form.getByLabel("Summary").fill("Members only.");
  await form.getByLabel("Category").selectOption("retention");
  await form.getByLabel("Who may read it").selectOption("members");
  await form.getByLabel("Article", { exact: true }).fill(`The ${secret} method.`);
  await form.getByRole("button", { name: "Save article" }).click();
  // Back to the form with nothing typed in the address.
  await expect(page).toHaveURL(/^[^?]*$/);
  await expect(page.locator("#slug-error")).toHaveText("Another article already has this address; choose another.");
  await expect(form.getByLabel("Title")).toHaveValue(membersTitle);
  const membersPath = await write(page, { title: membersTitle, visibility: "members", body: `The ${secret} method.` });
  await expect(page.locator(".article-body")).toContainText(secret);
  await expect(page.locator(".badge-members")).toHaveText("Members");

  // The public: the header leads to the library; the public article is listed and opens.
  const visitor = await person(browser);
  const v = visitor.page;
  const consoleIsClean = watchConsole(v);
  await v.goto("/");
  await v.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Resources" }).click();
  await expect(v).toHaveURL(/\/resources$/);
  await expect(v.getByRole("heading", { level: 1 })).toHaveText("Resources for shops");
  await expect(v.getByRole("link", { name: publicTitle })).toBeVisible();
  await expect(v.getByText(membersTitle)).toHaveCount(0);
  await expect(v.locator(".members-note")).toContainText("Members also read members-only guides.");
  await expect(v.locator(".members-note a")).toHaveAttribute("href", "/membership");

  // Searching is a GET form: the public article is found by a word of its body, whatever
  // its case; the members-only one is not found even by a word only its body holds.
  await v.getByLabel("Search articles").fill("THANK YOU");
  await v.getByRole("button", { name: "Search" }).click();
  await expect(v).toHaveURL(/\/resources\?q=THANK\+YOU/);
  await expect(v.getByRole("link", { name: publicTitle })).toBeVisible();
  await v.getByLabel("Search articles").fill(secret);
  await v.getByRole("button", { name: "Search" }).click();
  await expect(v).toHaveURL(new RegExp(`q=${secret}`));
  await expect(v.getByRole("heading", { name: `No articles match “${secret}”.` })).toBeVisible();
  await expect(v.getByText(membersTitle)).toHaveCount(0);
  await v.getByRole("link", { name: "see every article" }).click();
  await expect(v).toHaveURL(/\/resources$/);

  // The public article opens; the members-only address is the not-found page.
  await v.getByRole("link", { name: publicTitle }).click();
  await expect(v).toHaveURL(new RegExp(`${publicPath}$`));
  await expect(v.getByRole("heading", { level: 1 })).toHaveText(publicTitle);
  await expect(v.locator(".meta").first()).toContainText("Retention · Published ");
  // (The browser logs the 404 below as a failed load, so the console is checked before it.)
  consoleIsClean();
  const response = await v.goto(membersPath);
  expect(response!.status()).toBe(404);
  await expect(v.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(v.getByText(secret)).toHaveCount(0);
  await expect(v.getByRole("link", { name: "Go to the home page" })).toBeVisible();
});

test("a shop that pays for a plan unlocking the resources reads the members-only article", async ({ browser }) => {
  test.setTimeout(120_000);
  const s = stamp();
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  const a = admin.page;
  const membersTitle = `Members retention guide ${s}`;
  const membersPath = await write(a, { title: membersTitle, visibility: "members", body: "Members **only**." });

  // A verified SYNTHETIC shop.
  const shop = await person(browser);
  const owner = address("resources-owner");
  const shopName = `Synthetic Reading Garage ${s}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  await addShop(shop.page, shopName, { kind: "independent_repair", size: "5-9", city: "Burlington", state: "VT", zip: "05401" });
  await a.goto("/admin");
  await a.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(a.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();

  // A plan unlocking the members' resources, and who invoices are paid to.
  await setBillingDetails(a);
  const planName = `Resources plan ${s}`;
  await a.goto("/admin/membership");
  await a.getByLabel("Name", { exact: true }).fill(planName);
  await a.getByLabel("For", { exact: true }).selectOption("shop");
  await a.getByLabel("Price for 12 months (US dollars)").fill("600");
  await a.getByLabel("Members-only resources").check();
  await a.getByRole("button", { name: "Add the plan" }).click();
  await expect(a.getByRole("cell", { name: planName, exact: true })).toBeVisible();

  // Checked out but unpaid: still not found.
  const p = shop.page;
  await p.goto("/membership");
  const mine = p.locator("article.shop-membership", { hasText: shopName });
  await mine.getByLabel("Plan").selectOption({ label: `${planName} — $600.00 a year` });
  await mine.getByRole("button", { name: "Become a member: see the price" }).click();
  await p.getByRole("button", { name: "Confirm and get the invoice for $600.00" }).click();
  await expect(p).toHaveURL(/\/invoices\/\d+\?done=issued$/);
  const number = (await p.getByRole("heading", { level: 1 }).textContent())!.replace("Invoice ", "").trim();
  expect((await p.goto(membersPath))!.status()).toBe(404);

  // Paid: the shop's owner reads it, badged, and is not asked to join.
  await a.goto("/admin/membership");
  await a.locator(`[data-invoice="${number}"]`).getByRole("link", { name: number }).click();
  await a.getByLabel("Payment reference (cheque or transfer number)").fill("Cheque 5150 (SYNTHETIC)");
  await a.getByRole("button", { name: `Mark ${number} paid` }).click();
  await expect(a.getByRole("status")).toHaveText("Payment recorded: the membership is active.");
  expect((await p.goto(membersPath))!.status()).toBe(200);
  await expect(p.getByRole("heading", { level: 1 })).toHaveText(membersTitle);
  await expect(p.locator(".article-body strong")).toHaveText("only");
  await expect(p.locator(".badge-members")).toHaveText("Members");
  await p.goto("/resources");
  await expect(p.locator("li.resource", { hasText: membersTitle }).locator(".badge-members")).toHaveText("Members");
  await expect(p.locator(".members-note")).toHaveCount(0);
});

for (const [name, url] of [
  ["the library", "/resources"],
  ["an empty search", "/resources?q=zzzz-nothing"],
  ["a bad category", "/resources?category=astrology"],
  ["an unknown article", "/resources/no-such-article"],
]) {
  test(`axe finds no accessibility violations on ${name}`, async ({ page }) => {
    test.skip(noJs(), "axe needs JavaScript to run");
    await page.goto(url);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test("axe finds no accessibility violations on an article and the admin's editor", async ({ browser }) => {
  test.skip(noJs(), "axe needs JavaScript to run");
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  const path = await write(admin.page, { title: `Axe check ${stamp()}`, visibility: "public", body: "A **short** guide." });
  const readerPage = await admin.page.context().newPage();
  for (const url of [path, "/admin/resources"]) {
    await readerPage.goto(url);
    const results = await new AxeBuilder({ page: readerPage }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), url).toEqual([]);
  }
  await admin.page.getByRole("link", { name: "Edit this article" }).click();
  const results = await new AxeBuilder({ page: admin.page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});
