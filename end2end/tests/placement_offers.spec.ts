import { expect, test } from "@playwright/test";
import { address, linkFor, nameOf, person, PASSWORD, signUp } from "./people";
import { fits, phone, verifiedHighSchool, verifiedShop, verifier } from "./placing";
import { day } from "./places";

// A placement made from an accepted offer, with JavaScript on and off, at phone width: a
// verified high-school program posts an internship need, a verified shop offers, the
// instructor accepts; on the partnership page the shop places a student by the address the
// school gave (a refusal beside the task areas keeps what was typed); the placement waits for
// its student; the student, newly registered, opens the e-mailed link signed out, signs in,
// comes back to it, says "This is me" and that they are 18 or over, and the placement is
// active. People, shops and schools are SYNTHETIC; the ZIP centroid (48201, Detroit) is the
// real GeoNames row.

test("a shop places a student the school sends, and the student joins", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const verify = await verifier(browser);

  // A verified high-school program posts an internship need.
  const programName = `SYNTHETIC Offer High Auto ${stamp}`;
  const teacher = await verifiedHighSchool(browser, verify, "offer-teacher", programName);
  const title = `Spring interns ${stamp}`;
  await teacher.page.goto(teacher.path);
  const need = teacher.page.locator("form.need-form");
  await need.getByLabel("What the program needs").selectOption("internship_hosts");
  await need.getByLabel("Title").fill(title);
  await need.getByLabel("Number of students").fill("2");
  await need.getByLabel("Start date").fill(day(14));
  await need.getByLabel("End date").fill(day(90));
  await need.getByLabel("Paid or unpaid").selectOption("paid");
  await need.getByRole("button", { name: "Post need" }).click();
  await expect(teacher.page).toHaveURL(/\/needs\/\d+\?done=posted$/);
  const needPath = new URL(teacher.page.url()).pathname;

  // A verified shop offers; the instructor accepts.
  const shopName = `SYNTHETIC Offer Garage ${stamp}`;
  const shop = await verifiedShop(browser, verify, "offer-owner", shopName);
  const owner = shop.email;
  await shop.page.goto(needPath);
  await shop.page.locator("form.offer-form").getByLabel("Your message").fill("We host two students.");
  await shop.page.locator("form.offer-form").getByRole("button", { name: "Send offer" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Your offer is sent" })).toBeVisible();
  await teacher.page.goto(needPath);
  await teacher.page.getByRole("button", { name: `Accept the offer from ${shopName}` }).click();
  await expect(teacher.page).toHaveURL(/\/partnerships\/\d+\?done=accepted_offer$/);
  const partnershipPath = new URL(teacher.page.url()).pathname;
  await expect(teacher.page.locator(".offer-placements")).toContainText(title);
  await expect(teacher.page.locator("form.place-student")).toHaveCount(0);

  // The shop places the student the school sends, on the partnership page at phone width.
  const student = address("sent-student");
  await shop.page.setViewportSize(phone);
  await shop.page.goto(partnershipPath);
  const form = shop.page.locator("form.place-student");
  const fill = async () => {
    await form.getByLabel("The student's e-mail address").fill(student);
    await form.getByLabel("Mentor (a member of your shop)").selectOption({ label: nameOf(owner) });
    await form.getByLabel("Starts").fill(day(14));
    await form.getByLabel("Ends").fill(day(90));
    await form.getByLabel("Pay").selectOption("paid");
  };
  await fill();
  await form.getByLabel("Hours a week planned").fill("16");
  await fits(shop.page);
  // No task area ticked: refused beside the field, what was typed kept.
  await form.getByRole("button", { name: "Make the placement" }).click();
  await expect(shop.page.locator("#task_areas-error")).toContainText("Tick the ASE task areas");
  await expect(form.getByLabel("Hours a week planned")).toHaveValue("16");
  await expect(form.getByLabel("The student's e-mail address")).toHaveValue(student);
  await fill();
  await form.getByLabel("A5 Brakes").check();
  await form.getByRole("button", { name: "Make the placement" }).click();
  await expect(shop.page).toHaveURL(/\/placements\/\d+\?done=placement_sent$/);
  const placementPath = new URL(shop.page.url()).pathname;
  await expect(shop.page.locator(".placement-status")).toContainText("Waiting for the student to join");
  await expect(shop.page.locator(".waiting-for-student")).toBeVisible();
  await expect(shop.page.locator("body")).not.toContainText(student);
  await fits(shop.page);

  // The student registers, then opens the e-mailed link signed out: sign in first.
  const learner = await person(browser);
  await learner.page.setViewportSize(phone);
  await signUp(learner.page, student);
  await learner.page.goto(linkFor(student, "/placements/join?token="));
  await expect(learner.page.locator(".placement-terms")).toHaveCount(0);
  await fits(learner.page);
  await learner.page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(learner.page).toHaveURL(/\/login\?next=%2Fplacements%2Fjoin$/);
  await learner.page.getByLabel("Email address").fill(student);
  await learner.page.getByLabel("Password").fill(PASSWORD);
  await learner.page.getByRole("button", { name: "Sign in" }).click();
  // Back at the link, its token in a cookie rather than in any address.
  await expect(learner.page).toHaveURL(/\/placements\/join$/);
  await expect(learner.page.locator(".placement-terms")).toContainText("16 hours a week");
  await expect(learner.page.locator(".placement-terms")).toContainText(programName);
  await fits(learner.page);
  await learner.page.getByRole("button", { name: "This is me" }).click();
  await expect(learner.page).toHaveURL(new RegExp(`${placementPath}\\?done=placement_joined$`));
  await learner.page.getByLabel("No, I am 18 or over").check();
  await fits(learner.page);
  await learner.page.getByRole("button", { name: "Save my answer" }).click();
  await expect(learner.page.getByRole("status")).toContainText("the placement is active");
  await expect(learner.page.locator(".placement-status")).toContainText("Active");

  // The shop sees the student now, and the partnership lists the placement as active.
  await shop.page.reload();
  await expect(shop.page.locator(".student-details")).toContainText(nameOf(student));
  await teacher.page.goto(partnershipPath);
  await expect(teacher.page.locator(".offer-placements")).toContainText("Active");
  // The used link says so.
  await learner.page.goto(linkFor(student, "/placements/join?token="));
  await expect(learner.page.locator(".dead-link")).toBeVisible();
});
