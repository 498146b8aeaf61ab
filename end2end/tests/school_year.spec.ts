import { expect, test, type Page } from "@playwright/test";
import { addShop, address, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { day, institutionForThisProject, zipAbout20MilesFrom } from "./places";
import { noJs } from "./support";

// The school's year, with JavaScript on and off, at phone width: an admin imports a
// SYNTHETIC school list; an instructor claims the school from the finder and an admin
// verifies it; the school posts its yearly update and three needs; a shop (SYNTHETIC, verified
// by the admin) offers on one and is accepted; the school records the shop as having filled
// all three; both get their badges on their pages and in the finder, the admins' list shows
// them; the shop disputes one record (both badges go) and withdraws the dispute (both come
// back). The college whose ZIP area hosts the school and the ZIP centroids are real rows.

const schoolYearLabel = () => {
  const now = new Date();
  const start = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${start}–${String((start + 1) % 100).padStart(2, "0")}`;
};

async function fits(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test("a school posts its year, records who filled its needs, and both earn their badges", async ({ browser }) => {
  test.setTimeout(180_000);
  const college = institutionForThisProject(94, 96);
  const place = zipAbout20MilesFrom(college);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const name = `SYNTHETIC Tech Center ${stamp}`;
  const shopName = `SYNTHETIC Year Garage ${stamp}`;
  const year = schoolYearLabel();

  // The admin imports a one-school list.
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.setViewportSize({ width: 390, height: 844 });
  await admin.page.goto("/admin/schools/import");
  await admin.page.getByLabel("Name of the list").fill(`SYNTHETIC list ${stamp}`);
  await admin.page.getByLabel("The list (CSV, up to 60 KB)").setInputFiles({
    name: "list.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`name,street,city,state,zip,kinds,level\n${name},2 Shop Rd,${place.city},${college.state},${place.zip},auto,cte_center\n`),
  });
  await admin.page.getByRole("button", { name: "Check the list" }).click();
  await admin.page.getByRole("button", { name: "Import these schools" }).click();
  await expect(admin.page.getByRole("status")).toContainText("The list is imported");

  // An instructor claims it from the finder; the admin verifies it.
  const teacher = await person(browser);
  const instructor = address("year-teacher", "example.org");
  await signUp(teacher.page, instructor);
  await signIn(teacher.page, instructor);
  await teacher.page.setViewportSize({ width: 390, height: 844 });
  await teacher.page.goto(`/programs?zip=${place.zip}&radius=10`);
  await teacher.page.locator("li.listing").filter({ hasText: name }).getByRole("link", { name: "Teach here? Add this school to Bayline" }).click();
  await teacher.page.locator("form[action='/schools/high-school']").getByRole("button", { name: "Add program" }).click();
  await expect(teacher.page).toHaveURL(/\/orgs\/\d+\?done=created$/);
  const schoolPath = new URL(teacher.page.url()).pathname;
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${name}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();

  // The yearly update: a bad figure is refused beside its field with what was typed kept.
  await teacher.page.goto(schoolPath);
  const yearSection = teacher.page.locator("#school-year");
  await expect(yearSection.getByRole("heading", { level: 2 })).toHaveText(`This school year (${year})`);
  await expect(yearSection).toContainText("No update for this school year yet.");
  await yearSection.getByRole("link", { name: "Post this year's update" }).click();
  await expect(teacher.page.getByRole("heading", { level: 1 })).toHaveText(`${year} update`);
  await teacher.page.getByLabel("Automotive").fill("31");
  await teacher.page.getByLabel("What changed this year").fill("A new ADAS calibration bay (SYNTHETIC).");
  await teacher.page.getByLabel("What you need from industry").fill("Guest speakers and two internship hosts.");
  await fits(teacher.page);
  // The browser's own number check would stop a bad figure before the server sees it;
  // without JavaScript as with it, the server's refusal is what counts, so send it raw.
  await teacher.page.locator("input[name=completions]").evaluate((input: HTMLInputElement) => {
    input.type = "text";
  });
  await teacher.page.getByLabel("Students who completed the program this year").fill("lots");
  await teacher.page.getByRole("button", { name: "Post the update" }).click();
  await expect(teacher.page.locator("#completions-error")).toContainText("whole number");
  await expect(teacher.page.getByLabel("What changed this year")).toHaveValue("A new ADAS calibration bay (SYNTHETIC).");
  await teacher.page.getByLabel("Students who completed the program this year").fill("12");
  await teacher.page.getByRole("button", { name: "Post the update" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "Your update for this school year is saved" })).toBeVisible();
  await expect(teacher.page.locator("#school-year .updated-badge")).toHaveText("Updated this year");
  await expect(teacher.page.locator("#school-year")).toContainText("Automotive: 31 students");

  // Three needs.
  const needs: string[] = [];
  for (const n of [1, 2, 3]) {
    await teacher.page.goto(schoolPath);
    const form = teacher.page.locator("form.need-form");
    await form.getByLabel("What the program needs").selectOption("guest_speaker");
    await form.getByLabel("Title").fill(`Guest speaker ${n} ${stamp}`);
    await form.getByLabel("Number of students").fill("20");
    await form.getByLabel("Start date").fill(day(7));
    await form.getByLabel("End date").fill(day(60));
    await form.getByLabel("Paid or unpaid").selectOption("unpaid");
    await form.getByRole("button", { name: "Post need" }).click();
    await expect(teacher.page).toHaveURL(/\/needs\/\d+\?done=posted$/);
    needs.push(new URL(teacher.page.url()).pathname);
  }
  // Before any shop partners, there is nobody to name, and the page says how to get one.
  await expect(teacher.page.getByRole("region", { name: "Who filled it?" })).toContainText("once it has partnered with your program");

  // A shop, verified by the admin, offers on the first need; the school accepts.
  const shop = await person(browser);
  const owner = address("year-shop");
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  await shop.page.setViewportSize({ width: 390, height: 844 });
  const shopPath = await addShop(shop.page, shopName, { kind: "independent_repair", size: "5-9", city: place.city, state: college.state, zip: place.zip });
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  await shop.page.goto(needs[0]);
  await shop.page.locator("form.offer-form").getByLabel("Your message").fill("Our ADAS tech can speak.");
  await shop.page.locator("form.offer-form").getByRole("button", { name: "Send offer" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Your offer is sent" })).toBeVisible();
  await teacher.page.goto(needs[0]);
  await teacher.page.getByRole("button", { name: `Accept the offer from ${shopName}` }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "you are partners now" })).toBeVisible();

  // The school records the shop on all three needs.
  for (const need of needs) {
    await teacher.page.goto(need);
    const who = teacher.page.getByRole("region", { name: "Who filled it?" });
    await who.getByLabel("The shop that filled it").selectOption({ label: shopName });
    await who.getByRole("button", { name: "Record who filled it" }).click();
    await expect(teacher.page.getByRole("status").filter({ hasText: "the need is filled" })).toBeVisible();
    await expect(teacher.page.getByRole("region", { name: "Who filled it?" })).toContainText(`Filled by ${shopName}`);
  }
  await fits(teacher.page);

  // Both badges, on both pages, for a visitor; the shop's page lists what it filled.
  const visitor = await person(browser);
  await visitor.page.setViewportSize({ width: 390, height: 844 });
  const schoolBadge = `${year} Partner-ready school`;
  const shopBadge = `${year} Industry partner`;
  await visitor.page.goto(schoolPath);
  await expect(visitor.page.locator("#school-year .year-badge")).toHaveText(schoolBadge);
  await expect(visitor.page.locator("#school-year .filled-need")).toHaveCount(3);
  await expect(visitor.page.locator("#school-year .year-partnerships")).toContainText(shopName);
  await fits(visitor.page);
  await visitor.page.goto(shopPath);
  await expect(visitor.page.locator("#school-year .year-badge")).toHaveText(shopBadge);
  await expect(visitor.page.locator("#school-year .filled-need").first()).toContainText(name);
  await fits(visitor.page);
  // The finder marks the school.
  await visitor.page.goto(`/programs?zip=${place.zip}&radius=10`);
  const entry = visitor.page.locator("#school-results li").filter({ hasText: name });
  await expect(entry.locator(".updated-badge")).toHaveText("Updated this year");
  await expect(entry.locator(".year-badge")).toHaveText(schoolBadge);
  if (!noJs() && (await visitor.page.locator(".summary").textContent())?.startsWith("No programs")) {
    // No college within 10 miles, yet the school is: the map is drawn for it all the same.
    await expect(visitor.page.locator(".map-only .program-map")).toHaveAttribute("data-schools", /^[1-9]/);
  }
  if (!noJs()) {
    // The map's popup for the school says so too (drawn where there are programs nearby).
    await visitor.page.goto(`/programs?zip=${place.zip}&radius=25&view=map`);
    await expect(visitor.page.locator(".program-map")).toHaveAttribute("data-ready", "true");
    const marker = visitor.page.locator(".school-marker:not(.listing-marker)", { hasText: name });
    await marker.focus();
    await visitor.page.keyboard.press("Enter");
    await expect(visitor.page.locator(".leaflet-popup")).toContainText(`Updated this year · ${schoolBadge}`);
  }
  // The rules and this year's holders are public.
  await visitor.page.goto("/recognition");
  await expect(visitor.page.locator(".badge-holders").first()).toContainText(name);
  await fits(visitor.page);

  // The admins' list shows both.
  await admin.page.goto("/admin/recognition");
  await expect(admin.page.locator("tr").filter({ hasText: name })).toContainText("3 filled");
  await expect(admin.page.locator("tr").filter({ hasText: shopName })).toContainText("Shop");
  await fits(admin.page);

  // The shop disputes one record: the school is down to two, so both badges go…
  await shop.page.goto(shopPath);
  const record = shop.page.locator("#school-year .filled-need").first();
  if (noJs()) {
    await record.locator("summary").click();
  } else {
    await record.getByText("Your shop did not fill this?").click();
  }
  await record.getByLabel("What happened (the school sees this)").fill("We spoke at another event, not this one.");
  await record.getByRole("button", { name: "Dispute this record" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Dispute sent" })).toBeVisible();
  await expect(shop.page.locator("#school-year .disputed")).toContainText("We spoke at another event");
  await expect(shop.page.locator("#school-year .year-badge")).toHaveCount(0);
  await visitor.page.goto(schoolPath);
  await expect(visitor.page.locator("#school-year .year-badge")).toHaveCount(0);
  // …and come back when the shop withdraws it.
  await shop.page.getByRole("button", { name: "Withdraw the dispute" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Dispute withdrawn" })).toBeVisible();
  await expect(shop.page.locator("#school-year .year-badge")).toHaveText(shopBadge);
  await visitor.page.goto(schoolPath);
  await expect(visitor.page.locator("#school-year .year-badge")).toHaveText(schoolBadge);
});
