import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { addShop, address, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { institutionForThisProject, zipAbout20MilesFrom } from "./places";

// A student saves an openings search; a shop (verified by an admin) posts a matching
// opening; the digest runs (`bayline alerts run`, as every server does on its own every few
// minutes); the student's e-mail links to the opening, lists in /notifications, and its
// one-click unsubscribe (RFC 8058) and visible link turn alert e-mails off. With JavaScript
// on and off. People and shops are SYNTHETIC; the ZIP centroids are real GeoNames rows.

const root = resolve(__dirname, "../..");
const bin = process.env.BAYLINE_BIN ?? resolve(root, "target/debug/bayline");

function runDigests(): string {
  const env = { ...process.env, DATABASE_URL: `sqlite://${process.env.BAYLINE_E2E_DB_DIR}/bayline.db`, RUST_LOG: "error" };
  return execFileSync(bin, ["alerts", "run"], { env }).toString();
}

test("a saved search tells the student of a new opening, and one click stops the e-mails", async ({ browser }) => {
  test.setTimeout(150_000);
  const place = zipAbout20MilesFrom(institutionForThisProject(60, 62));
  const state = institutionForThisProject(60, 62).state;
  const stamp = `${test.info().project.name} ${Date.now()}`;

  // The student saves the search the openings page shows.
  const learner = await person(browser);
  const student = address("alert-student");
  await signUp(learner.page, student);
  await signIn(learner.page, student);
  const searchUrl = `/openings?zip=${place.zip}&radius=10`;
  await learner.page.goto(searchUrl);
  const save = learner.page.locator("details.save-search");
  await save.locator("summary").click();
  await save.getByLabel("Name (optional)").fill(`Openings near ${place.city}`);
  await save.getByLabel("E-mail me").selectOption("immediately");
  await save.getByRole("button", { name: "Save search" }).click();
  await expect(learner.page).toHaveURL(/done=search_saved/);
  await expect(learner.page.getByRole("status")).toContainText("Search saved");
  // The page now says it is saved rather than offering to save it twice.
  await expect(learner.page.locator("p.save-search")).toContainText(`You saved this search as “Openings near ${place.city}”`);
  // From the account page, where a person looks for what they saved.
  await learner.page.goto("/account");
  await learner.page.getByRole("link", { name: "see, change or stop them" }).click();
  await expect(learner.page).toHaveURL(/\/account\/alerts$/);
  const saved = learner.page.locator("li.saved-search");
  await expect(saved.getByRole("link", { name: `Openings near ${place.city}` })).toHaveAttribute("href", searchUrl);
  await expect(saved).toContainText("As they appear");

  // A search the page refuses offers nothing to save.
  await learner.page.goto(`/openings?zip=${place.zip}&radius=10&kind=astronaut`);
  await expect(learner.page.locator("details.save-search")).toHaveCount(0);

  // A verified shop posts an opening at that ZIP.
  const shop = await person(browser);
  const owner = address("alert-shop");
  const shopName = `Synthetic Alert Garage ${stamp}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const shopPath = await addShop(shop.page, shopName, {
    kind: "independent_repair",
    size: "5-9",
    city: place.city,
    state,
    zip: place.zip,
  });
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  const title = `Lube tech ${stamp}`;
  await shop.page.goto(shopPath);
  const form = shop.page.locator("form.opening-form");
  await form.getByLabel("Kind of opening").selectOption("entry_level_job");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Description").fill("SYNTHETIC opening for the alerts test.");
  await form.getByLabel("Pay from (dollars)").fill("17");
  await form.getByLabel("Pay up to (dollars)").fill("19");
  await form.getByLabel("Pay period").selectOption("hourly");
  await form.getByLabel("Schedule").selectOption("full_time");
  await form.getByLabel("Location ZIP code").fill(place.zip);
  await form.getByRole("button", { name: "Post opening" }).click();
  await expect(shop.page).toHaveURL(/\/openings\/\d+\?done=posted$/);
  const openingPath = new URL(shop.page.url()).pathname;

  // The digest: one e-mail to the student, linking to the opening.
  runDigests();
  const mail = outbox().find((m) => m.recipient === student.toLowerCase() && m.body.includes(title));
  expect(mail, "an alert e-mail listing the new opening").toBeTruthy();
  const link = new URL(mail!.body.match(new RegExp(`https?://\\S+${openingPath}`))![0]);
  await learner.page.goto(link.pathname);
  await expect(learner.page.getByRole("heading", { level: 1 })).toHaveText(title);
  // Run again: nothing new, no second e-mail.
  runDigests();
  expect(outbox().filter((m) => m.recipient === student.toLowerCase() && m.body.includes(title))).toHaveLength(1);

  // In the app too.
  await learner.page.goto("/notifications");
  await expect(learner.page.locator(".notice-item").first()).toContainText(`1 new opening within 10 miles of ${place.zip}`);

  // One click from the mail client: a POST with List-Unsubscribe=One-Click, no session.
  const unsubscribe = (mail as unknown as { list_unsubscribe: string }).list_unsubscribe;
  expect(unsubscribe).toContain("/alerts/unsubscribe?token=");
  const target = new URL(unsubscribe);
  const mailClient = await browser.newContext();
  const answer = await mailClient.request.post(`${learner.page.url().split("/notifications")[0]}${target.pathname}${target.search}`, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(answer.status()).toBe(200);
  await mailClient.close();

  // The visible link works without signing in, and says it is done.
  const stranger = await person(browser);
  await stranger.page.goto(target.pathname + target.search);
  await stranger.page.getByRole("button", { name: "Stop alert e-mails" }).click();
  await expect(stranger.page.getByRole("status")).toContainText("Alert e-mails are off");
  await expect(stranger.page).not.toHaveURL(/token=/);

  // The e-mail choices show it off.
  await learner.page.goto("/notifications");
  await expect(learner.page.getByLabel("New matches of your saved searches")).not.toBeChecked();
});
