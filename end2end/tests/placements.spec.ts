import { expect, test, type Page } from "@playwright/test";
import { addShop, address, linkFor, nameOf, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { day } from "./places";

// A placement with a guardian's consent, with JavaScript on and off, at phone width: a
// verified shop hires a student from their interest (they shared only their name) and makes
// the placement, choosing the verified high-school program the student named to them; the
// student says they are under 18 and gives a guardian's address; the shop sees only what was
// shared; the guardian opens the link from the outbox, reads the terms and agrees by typing
// their name; the placement is active and the program's instructor sees the consent and
// chooses the coordinator. People, shops and schools are SYNTHETIC; the ZIP centroid
// (48201, Detroit) is the real GeoNames row.

async function fits(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test("a hired student's placement starts once their guardian agrees", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const phone = { width: 390, height: 844 };

  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  const verify = async (name: string) => {
    await admin.page.goto("/admin");
    await admin.page.getByRole("button", { name: `Verify ${name}` }).click();
    await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  };

  // A verified shop with an opening.
  const shop = await person(browser);
  const owner = address("placing-owner");
  const shopName = `SYNTHETIC Placing Garage ${stamp}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const shopPath = await addShop(shop.page, shopName, { kind: "independent_repair", size: "5-9", city: "Detroit", state: "MI", zip: "48201" });
  await verify(shopName);
  const title = `Brake apprentice ${stamp}`;
  await shop.page.goto(shopPath);
  const opening = shop.page.locator("form.opening-form");
  await opening.getByLabel("Kind of opening").selectOption("internship");
  await opening.getByLabel("Title").fill(title);
  await opening.getByLabel("Pay from (dollars)").fill("15");
  await opening.getByLabel("Pay up to (dollars)").fill("15");
  await opening.getByLabel("Pay period").selectOption("hourly");
  await opening.getByLabel("Schedule").selectOption("part_time");
  await opening.getByLabel("Location ZIP code").fill("48201");
  await opening.getByRole("button", { name: "Post opening" }).click();
  await expect(shop.page).toHaveURL(/\/openings\/\d+\?done=posted$/);
  const openingPath = new URL(shop.page.url()).pathname;

  // A verified high-school program.
  const teacher = await person(browser);
  const instructor = address("placing-teacher", "example.org");
  const programName = `SYNTHETIC Placement High Auto ${stamp}`;
  await signUp(teacher.page, instructor);
  await signIn(teacher.page, instructor);
  await teacher.page.goto("/schools/high-school");
  const school = teacher.page.locator("form[action='/schools/high-school']");
  await school.getByLabel("Program name").fill(programName);
  await school.getByLabel("City").fill("Detroit");
  await school.getByLabel("State").selectOption("MI");
  await school.getByLabel("ZIP code").fill("48201");
  await school.getByLabel("Automotive").check();
  await school.getByRole("button", { name: "Add program" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "An admin will verify it" })).toBeVisible();
  await verify(programName);

  // The student shares only their name.
  const learner = await person(browser);
  const student = address("placed-student");
  const studentName = `Sam Ortiz ${stamp}`;
  await signUp(learner.page, student);
  await signIn(learner.page, student);
  await learner.page.goto(openingPath);
  const interest = learner.page.locator("form.interest-form");
  await interest.getByLabel("Your name").fill(studentName);
  await interest.getByRole("button", { name: "Express interest" }).click();
  await expect(learner.page.getByRole("status").filter({ hasText: "the shop can now see" })).toBeVisible();

  // The shop hires the student and makes the placement from the application, at phone width.
  await shop.page.setViewportSize(phone);
  await shop.page.goto(openingPath);
  await shop.page.getByRole("link", { name: `Answer ${studentName}` }).click();
  await expect(shop.page).toHaveURL(/\/applications\/\d+$/);
  await expect(shop.page.getByRole("heading", { name: "Make the placement" })).toHaveCount(0);
  await shop.page.getByLabel("Set the status the student sees").selectOption("hired");
  await shop.page.getByRole("button", { name: "Save status" }).click();
  await expect(shop.page.getByRole("status")).toContainText("Status saved");
  const form = shop.page.locator("form[action$='/placement']");
  await form.getByLabel(/School program/).selectOption({ label: programName });
  await form.getByLabel("Mentor (a member of your shop)").selectOption({ label: nameOf(owner) });
  await form.getByLabel("Starts").fill(day(7));
  await form.getByLabel("Ends").fill(day(70));
  await form.getByLabel("Hours a week planned").fill("12");
  await form.getByLabel("Pay").selectOption("paid");
  await fits(shop.page);
  // No task area ticked: refused beside the field, what was typed kept.
  await form.getByRole("button", { name: "Make the placement" }).click();
  await expect(shop.page.locator("#task_areas-error")).toContainText("Tick the ASE task areas");
  await expect(form.getByLabel("Hours a week planned")).toHaveValue("12");
  await form.getByLabel(/School program/).selectOption({ label: programName });
  await form.getByLabel("Mentor (a member of your shop)").selectOption({ label: nameOf(owner) });
  await form.getByLabel("Starts").fill(day(7));
  await form.getByLabel("Ends").fill(day(70));
  await form.getByLabel("Pay").selectOption("paid");
  await form.getByLabel("A5 Brakes").check();
  await form.getByRole("button", { name: "Make the placement" }).click();
  await expect(shop.page).toHaveURL(/\/placements\/\d+\?done=placement_created$/);
  const placementPath = new URL(shop.page.url()).pathname;
  await expect(shop.page.locator(".placement-status")).toContainText("Awaiting consent");
  await fits(shop.page);

  // The student says they are under 18 and gives the guardian's address.
  const guardian = address("placed-guardian");
  await learner.page.setViewportSize(phone);
  await learner.page.goto(placementPath);
  await expect(learner.page.locator(".lede")).toHaveText(`Your placement at ${shopName}`);
  await learner.page.getByLabel("Yes, I am under 18").check();
  await learner.page.getByLabel("Your parent or guardian's e-mail address").fill(guardian);
  await fits(learner.page);
  await learner.page.getByRole("button", { name: "Save my answer" }).click();
  await expect(learner.page.getByRole("status")).toContainText("We have e-mailed your parent or guardian");
  await expect(learner.page.getByRole("button", { name: "Send the link again" })).toBeVisible();

  // The shop sees only what the student shared: not the address, not the age.
  await shop.page.reload();
  await expect(shop.page.locator("body")).not.toContainText(guardian);
  await expect(shop.page.locator("body")).not.toContainText("Under 18");
  await expect(shop.page.locator("body")).toContainText("once consent is settled");

  // The guardian opens the link from the outbox, with no account, and agrees.
  const parent = await person(browser);
  await parent.page.setViewportSize(phone);
  await parent.page.goto(linkFor(guardian, "/guardian-consent?token="));
  await expect(parent.page.locator(".placement-terms")).toContainText("12 hours a week");
  await expect(parent.page.locator(".placement-terms")).toContainText("A5 Brakes");
  await expect(parent.page.locator(".placement-terms")).toContainText(programName);
  await expect(parent.page.locator("body")).not.toContainText(student);
  await fits(parent.page);
  await parent.page.getByLabel("Your full name, as your signature").fill("Pat Ortiz");
  await parent.page.getByLabel(/I agree to this placement/).check();
  await parent.page.getByRole("button", { name: "I agree" }).click();
  await expect(parent.page.getByRole("status")).toContainText("your consent is recorded");
  expect(outbox().some((m) => m.recipient === guardian.toLowerCase())).toBe(true);

  // The placement is active; the instructor sees the consent and chooses the coordinator.
  await learner.page.reload();
  await expect(learner.page.locator(".placement-status")).toContainText("Active");
  await teacher.page.setViewportSize(phone);
  await teacher.page.goto(placementPath);
  await expect(teacher.page.locator(".consent-given")).toContainText("Agreed by Pat Ortiz");
  await teacher.page.getByLabel("The program's coordinator for this placement").selectOption({ label: nameOf(instructor) });
  await teacher.page.getByRole("button", { name: "Save the coordinator" }).click();
  await expect(teacher.page.getByRole("status")).toContainText("The coordinator is saved");
  await fits(teacher.page);
  await shop.page.reload();
  await expect(shop.page.locator(".student-details")).toContainText(nameOf(student));
  await expect(shop.page.locator("body")).not.toContainText(guardian);
});
