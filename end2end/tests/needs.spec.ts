import { expect, test } from "@playwright/test";
import { addShop, address, signIn, signOut, signUp } from "./people";
import { day, institutionForThisProject, zipAbout20MilesFrom } from "./places";
import { noJs } from "./support";

// Needs posted by a verified program's instructor and found by a shop owner about 20 miles
// away, with JavaScript on and off. People are SYNTHETIC; the institution is a real IPEDS
// row (each project its own, none that orgs.spec.ts claims) and ZIP centroids are real.


test("an instructor posts a need and a shop owner 20 miles away finds it", async ({ page }) => {
  const school = institutionForThisProject(10, 12);
  const shopZip = zipAbout20MilesFrom(school);
  expect(shopZip.distance).toBeGreaterThan(17);
  expect(shopZip.distance).toBeLessThan(23);

  // The instructor's address is at the school's own domain: the claim is verified at once.
  const instructor = address("instructor", school.domain);
  await signUp(page, instructor);
  await signIn(page, instructor);
  await page.goto(`/schools/new?unitid=${school.unitid}`);
  await page.getByRole("button", { name: "Claim this program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "verified" })).toBeVisible();
  const orgPage = new URL(page.url()).pathname;

  const title = `Summer internship hosts ${test.info().project.name} ${Date.now()}`;
  const form = page.locator("form.need-form");
  await form.getByLabel("What the program needs").selectOption("internship_hosts");
  await form.getByLabel("Title").fill(title);
  await form
    .getByLabel("Description")
    .fill("Students **ready** for brake work.\n\n<script>window.needsXss = 1</script>\n\n- A5 brakes");
  await form.getByLabel("Number of students").fill("4");
  await form.getByLabel("A5 Brakes").check();
  await form.getByLabel("Start date").fill(day(-30));
  await form.getByLabel("End date").fill(day(30));
  await form.getByLabel("Paid or unpaid").selectOption("paid");
  await form.getByRole("button", { name: "Post need" }).click();
  await expect(page.locator("#starts_on-error")).toHaveText("The start date is in the past.");
  // What was typed comes back.
  await expect(form.getByLabel("Title")).toHaveValue(title);
  await expect(form.getByLabel("A5 Brakes")).toBeChecked();
  await expect(form.getByLabel("Paid or unpaid")).toHaveValue("paid");

  await form.getByLabel("Start date").fill(day(14));
  await form.getByLabel("End date").fill(day(90));
  await form.getByRole("button", { name: "Post need" }).click();
  await expect(page).toHaveURL(/\/needs\/\d+\?done=posted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const description = page.locator(".need-description");
  await expect(description.locator("strong")).toHaveText("ready");
  // The script tag in the Markdown is inert: no script element carries it.
  await expect(description.locator("script")).toHaveCount(0);
  await expect(page.locator("script", { hasText: "needsXss" })).toHaveCount(0);
  if (!noJs()) expect(await page.evaluate(() => (window as unknown as { needsXss?: number }).needsXss)).toBeUndefined();
  await signOut(page);

  // A shop owner about 20 miles away.
  const owner = address("shop-owner");
  await signUp(page, owner);
  await signIn(page, owner);
  await addShop(page, `Synthetic Auto ${test.info().project.name} ${Date.now()}`, {
    kind: "independent_repair",
    size: "5-9",
    city: shopZip.city,
    state: school.state,
    zip: shopZip.zip,
  });

  await page.goto("/account");
  const near = page.getByRole("region", { name: "Needs near you" });
  await expect(near.getByRole("link", { name: title })).toBeVisible();

  await page.goto(`/needs?zip=${shopZip.zip}`);
  const found = page.locator("#need-results li", { hasText: title });
  await expect(found).toBeVisible();
  await expect(found.locator(".distance")).toHaveText(/ · \d+\.\d mi/);
  const shown = Number((await found.locator(".distance").textContent())!.match(/[\d.]+/)![0]);
  expect(Math.abs(shown - shopZip.distance)).toBeLessThan(1);
  // With JavaScript the needs on the page are also a map layer, one marker per listed need.
  const map = page.getByRole("region", { name: /Map of the needs on this page/ });
  if (noJs()) {
    await expect(map).toBeHidden();
  } else {
    await expect(map).toHaveAttribute("data-ready", "true");
    const listed = await page.locator("#need-results li[data-need-id]").count();
    await expect(map).toHaveAttribute("data-markers", String(listed));
  }
  await found.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await signOut(page);

  // The program's profile lists its open needs.
  await page.goto(`/programs/${school.unitid}`);
  await expect(page.getByRole("region", { name: "What this program needs" }).getByRole("link", { name: title })).toBeVisible();

  // An unknown ZIP is named beside the form.
  await page.goto("/needs?zip=00001");
  await expect(page.locator("#zip-error")).toContainText("we do not know the ZIP code 00001");

  // The instructor marks it filled: it leaves the public list.
  await signIn(page, instructor);
  await page.goto(orgPage);
  await page.getByRole("button", { name: `Mark filled: ${title}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "status is changed" })).toBeVisible();
  await signOut(page);
  await page.goto(`/needs?zip=${shopZip.zip}`);
  await expect(page.locator("#need-results li", { hasText: title })).toHaveCount(0);
});
