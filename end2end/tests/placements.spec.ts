import { expect, test } from "@playwright/test";
import { address, linkFor, nameOf, outbox, person } from "./people";
import { applicant, fits, phone, postInternship, verifiedHighSchool, verifiedShop, verifier } from "./placing";
import { day } from "./places";

// A placement with a guardian's consent, with JavaScript on and off, at phone width: a
// verified shop hires a student from their interest (they shared only their name) and makes
// the placement, choosing the verified high-school program the student named to them; the
// student says they are under 18 and gives a guardian's address; the shop sees only what was
// shared; the guardian opens the link from the outbox, reads the terms and agrees by typing
// their name; the placement is active and the program's instructor sees the consent and
// chooses the coordinator. People, shops and schools are SYNTHETIC; the ZIP centroid
// (48201, Detroit) is the real GeoNames row.

test("a hired student's placement starts once their guardian agrees", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const verify = await verifier(browser);

  // A verified shop with an opening, a verified high-school program, and a student who
  // shares only their name.
  const shopName = `SYNTHETIC Placing Garage ${stamp}`;
  const shop = await verifiedShop(browser, verify, "placing-owner", shopName);
  const owner = shop.email;
  const openingPath = await postInternship(shop, `Brake apprentice ${stamp}`);
  const programName = `SYNTHETIC Placement High Auto ${stamp}`;
  const teacher = await verifiedHighSchool(browser, verify, "placing-teacher", programName);
  const instructor = teacher.email;
  const studentName = `Sam Ortiz ${stamp}`;
  const learner = await applicant(browser, "placed-student", openingPath, studentName);
  const student = learner.email;

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
