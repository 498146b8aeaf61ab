import { Browser, expect, Page, test } from "@playwright/test";
import { addShop, address, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { day, institutionForThisProject, zipAbout20MilesFrom } from "./places";

// Moderation with JavaScript on and off, each person in their own browser context: a
// signed-in person reports a need, an admin finds it in the queue and hides it, and the
// public no longer finds it; a person reports a verified shop, the admin suspends it, its
// page is gone for the public until the suspension is lifted. People and shops are
// SYNTHETIC; the institution (rows 40 and 42, each project its own) and ZIP centroids are
// real.

async function newSignedIn(browser: Browser, who: string, domain?: string): Promise<{ page: Page; email: string }> {
  const { page } = await person(browser);
  const email = address(who, domain);
  await signUp(page, email);
  await signIn(page, email);
  return { page, email };
}

/** Fills and sends the report form the page's "Report this …" link leads to. */
async function report(page: Page, link: string, note: string): Promise<void> {
  await page.getByRole("link", { name: link }).click();
  await expect(page).toHaveURL(/\/report\?target=\w+&id=\d+$/);
  await page.getByLabel("Why are you reporting it?").selectOption("spam");
  await page.getByLabel("Anything the admins should know (optional)").fill(note);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText("Your report on this");
}

test("a reported need is hidden by an admin and disappears for the public", async ({ browser }) => {
  test.setTimeout(120_000);
  const school = institutionForThisProject(40, 42);
  const nearby = zipAbout20MilesFrom(school);
  const stamp = `${test.info().project.name} ${Date.now()}`;

  // A verified program posts a need (the instructor's address is at the school's domain).
  const teacher = await newSignedIn(browser, "instructor", school.domain);
  await teacher.page.goto(`/schools/new?unitid=${school.unitid}`);
  await teacher.page.getByRole("button", { name: "Claim this program" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "verified" })).toBeVisible();
  const title = `Free money for students ${stamp}`;
  const form = teacher.page.locator("form.need-form");
  await form.getByLabel("What the program needs").selectOption("guest_speaker");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Number of students").fill("3");
  await form.getByLabel("Start date").fill(day(14));
  await form.getByLabel("End date").fill(day(60));
  await form.getByLabel("Paid or unpaid").selectOption("unpaid");
  await form.getByRole("button", { name: "Post need" }).click();
  await expect(teacher.page).toHaveURL(/\/needs\/\d+\?done=posted$/);
  const needPath = new URL(teacher.page.url()).pathname;

  // The public finds it.
  const visitor = (await person(browser)).page;
  await visitor.goto(`/needs?zip=${nearby.zip}`);
  await expect(visitor.locator("#need-results").getByRole("link", { name: title })).toBeVisible();

  // Signed out, "Report" leads to sign-in first.
  await visitor.goto(needPath);
  await visitor.getByRole("link", { name: "Report this need" }).click();
  await expect(visitor).toHaveURL(/\/login\?next=/);

  // A signed-in person reports it.
  const reporter = await newSignedIn(browser, "reporter");
  await reporter.page.goto(needPath);
  await report(reporter.page, "Report this need", `Looks like a scam (${stamp})`);

  // The admin finds it in the queue, with the reason and note, and hides it.
  const admin = (await person(browser)).page;
  await signInAsNewAdmin(admin);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Reports and suspended organisations" }).click();
  const item = admin.locator("li.report-item", { hasText: title });
  await expect(item).toContainText("1 report · Spam or advertising");
  await expect(item).toContainText(`Looks like a scam (${stamp})`);
  await item.getByRole("button", { name: "Hide this need" }).click();
  await expect(admin.getByRole("status")).toContainText("Hidden");
  await expect(admin.locator("li.report-item", { hasText: title })).toHaveCount(0);
  // The program's owners are told.
  expect(outbox().some((m) => m.recipient === teacher.email.toLowerCase() && m.subject.includes("was hidden"))).toBe(true);

  // Gone from the list and its page for the public, and for the reporter.
  await visitor.goto(`/needs?zip=${nearby.zip}`);
  await expect(visitor.locator("h2.summary")).toBeVisible();
  await expect(visitor.getByRole("link", { name: title })).toHaveCount(0);
  const response = await visitor.goto(needPath);
  expect(response!.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await reporter.page.goto(needPath);
  await expect(reporter.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Its program's members still see it, marked hidden.
  await teacher.page.goto(needPath);
  await expect(teacher.page.getByRole("status").filter({ hasText: "Hidden by Bayline's moderators" })).toBeVisible();
});

test("an admin suspends a reported shop: its page is gone for the public until lifted", async ({ browser }) => {
  test.setTimeout(120_000);
  const school = institutionForThisProject(40, 42);
  const nearby = zipAbout20MilesFrom(school);
  const shopName = `Synthetic Suspicious Garage ${test.info().project.name} ${Date.now()}`;

  const owner = await newSignedIn(browser, "shop-owner");
  const shopPath = await addShop(owner.page, shopName, {
    kind: "independent_repair",
    size: "1-4",
    city: nearby.city,
    state: school.state,
    zip: nearby.zip,
  });

  const admin = (await person(browser)).page;
  await signInAsNewAdmin(admin);
  await admin.goto("/admin");
  await admin.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.getByRole("status")).toContainText("Verified");

  const reporter = await newSignedIn(browser, "reporter");
  await reporter.page.goto(shopPath);
  await expect(reporter.page.getByRole("heading", { level: 1 })).toHaveText(shopName);
  await report(reporter.page, "Report this organisation", "Not a real shop");

  await admin.goto("/admin/reports");
  const item = admin.locator("li.report-item", { hasText: shopName });
  await expect(item).toContainText("1 report · Spam or advertising");
  await item.getByLabel("Reason (emailed to its owners)").fill("Not a real business (SYNTHETIC)");
  await item.getByRole("button", { name: `Suspend ${shopName}` }).click();
  await expect(admin.getByRole("status")).toContainText("Suspended");
  const suspended = admin.getByRole("region", { name: "Suspended organisations" });
  await expect(suspended.getByRole("link", { name: shopName })).toBeVisible();
  expect(
    outbox().some((m) => m.recipient === owner.email.toLowerCase() && m.body.includes("Not a real business (SYNTHETIC)")),
  ).toBe(true);

  // Gone for the public and the reporter; its owner sees why.
  const visitor = (await person(browser)).page;
  expect((await visitor.goto(shopPath))!.status()).toBe(404);
  await reporter.page.goto(shopPath);
  await expect(reporter.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await owner.page.goto(shopPath);
  await expect(owner.page.getByRole("status").filter({ hasText: "Suspended by Bayline's moderators" })).toBeVisible();

  // Lifted: public again.
  await suspended.getByRole("button", { name: `Lift the suspension of ${shopName}` }).click();
  await expect(admin.getByRole("status")).toContainText("Suspension lifted");
  expect((await visitor.goto(shopPath))!.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(shopName);
});
