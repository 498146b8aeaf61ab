import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { nameOf } from "./people";
import { applicant, fits, phone, postInternship, verifiedHighSchool, verifiedShop, verifier } from "./placing";
import { day } from "./places";

// A placement's records, with JavaScript on and off, at phone width: an adult student's
// placement that started a month ago; the student logs a week of hours (one refused
// first), the mentor confirms four days and queries one, the student corrects that day and
// the mentor confirms the correction; the mentor writes the final evaluation and the
// student their self-evaluation; the school's coordinator reads both, finds the placement
// in the program's list and downloads its CSV. People, shops and schools are SYNTHETIC;
// the ZIP centroid (48201, Detroit) is the real GeoNames row.

test("a week of hours, a query, the final evaluation and the school's CSV", async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const verify = await verifier(browser);
  // A verified shop with an opening (its owner mentors) and a verified high-school program
  // (its instructor coordinates).
  const shopName = `SYNTHETIC Records Garage ${stamp}`;
  const shop = await verifiedShop(browser, verify, "records-owner", shopName);
  const owner = shop.email;
  const openingPath = await postInternship(shop, `Brake intern ${stamp}`);
  const programName = `SYNTHETIC Records High Auto ${stamp}`;
  const teacher = await verifiedHighSchool(browser, verify, "records-teacher", programName);
  const instructor = teacher.email;

  // The student applies, sharing their name; the shop hires them and makes the placement,
  // started a month ago.
  const studentName = `Ana Ruiz ${stamp}`;
  const learner = await applicant(browser, "records-student", openingPath, studentName);
  const student = learner.email;
  await shop.page.goto(openingPath);
  await shop.page.getByRole("link", { name: `Answer ${studentName}` }).click();
  await shop.page.getByLabel("Set the status the student sees").selectOption("hired");
  await shop.page.getByRole("button", { name: "Save status" }).click();
  await expect(shop.page.getByRole("status")).toContainText("Status saved");
  const form = shop.page.locator("form[action$='/placement']");
  await form.getByLabel(/School program/).selectOption({ label: programName });
  await form.getByLabel("Mentor (a member of your shop)").selectOption({ label: nameOf(owner) });
  await form.getByLabel("Starts").fill(day(-30));
  await form.getByLabel("Ends").fill(day(3));
  await form.getByLabel("Hours a week planned").fill("10");
  await form.getByLabel("Pay").selectOption("paid");
  await form.getByLabel("A4 Suspension and steering").check();
  await form.getByLabel("A5 Brakes").check();
  await form.getByRole("button", { name: "Make the placement" }).click();
  await expect(shop.page).toHaveURL(/\/placements\/\d+\?done=placement_created$/);
  const placementPath = new URL(shop.page.url()).pathname;
  const hoursPath = `${placementPath}/hours`;

  // The student is an adult: the placement is active at once; the instructor coordinates.
  await learner.page.setViewportSize(phone);
  await learner.page.goto(placementPath);
  await learner.page.getByLabel("No, I am 18 or over").check();
  await learner.page.getByRole("button", { name: "Save my answer" }).click();
  await expect(learner.page.getByRole("status")).toContainText("the placement is active");
  await teacher.page.goto(placementPath);
  await teacher.page.getByLabel("The program's coordinator for this placement").selectOption({ label: nameOf(instructor) });
  await teacher.page.getByRole("button", { name: "Save the coordinator" }).click();
  await expect(teacher.page.getByRole("status")).toContainText("The coordinator is saved");

  // A week of hours, from the placement's page. One refused first, what was typed kept.
  await learner.page.getByRole("link", { name: /^Hours: log/ }).click();
  await expect(learner.page).toHaveURL(new RegExp(`${hoursPath}$`));
  const logDay = async (offset: number, hours: string, tasks: string) => {
    await learner.page.getByLabel("Day", { exact: true }).fill(day(offset));
    await learner.page.getByLabel("Hours worked").fill(hours);
    await learner.page.getByLabel("What you did").fill(tasks);
    await learner.page.getByRole("button", { name: "Save the day" }).click();
  };
  await logDay(-7, "7.3", "Brake pads on a Civic");
  await expect(learner.page.locator("#hours-error")).toContainText("quarters");
  await expect(learner.page.getByLabel("What you did")).toHaveValue("Brake pads on a Civic");
  await fits(learner.page);
  const week: [number, string][] = [[-7, "7"], [-6, "7.5"], [-5, "6"], [-4, "8"], [-3, "7:30"]];
  for (const [offset, hours] of week) {
    await logDay(offset, hours, `Brakes and alignments, day ${offset}`);
    await expect(learner.page.getByRole("status")).toContainText("Your hours are saved");
  }
  await expect(learner.page.locator(".pending-total")).toHaveText("36 h");
  await fits(learner.page);

  // The mentor confirms four days and queries the third.
  await shop.page.setViewportSize(phone);
  await shop.page.goto(hoursPath);
  const entry = (page: Page, offset: number) => page.locator("li.hours-entry", { hasText: day(offset) }).first();
  for (const offset of [-7, -6, -4, -3]) {
    await entry(shop.page, offset).getByRole("button", { name: "Confirm" }).click();
    await expect(shop.page.getByRole("status")).toContainText("Confirmed.");
  }
  const queried = entry(shop.page, -5);
  await queried.locator("summary", { hasText: "Query" }).click();
  await queried.getByLabel("Your question to the student").fill("Was it not 5.5 hours? You left at 2.");
  await queried.getByRole("button", { name: "Send the question" }).click();
  await expect(shop.page.getByRole("status")).toContainText("Your question is sent");
  await expect(shop.page.locator(".confirmed-total")).toContainText("30 h of");
  await fits(shop.page);

  // The student reads the question and corrects that day; the first entry stays on record.
  await learner.page.goto(hoursPath);
  const asked = entry(learner.page, -5);
  await expect(asked).toContainText("Mentor's question: Was it not 5.5 hours?");
  await asked.getByRole("link", { name: "Correct" }).click();
  await expect(learner.page.getByRole("heading", { name: `Correct the entry of ${day(-5)}` })).toBeVisible();
  await learner.page.getByLabel("Hours worked").fill("5.5");
  await learner.page.getByRole("button", { name: "Save the correction" }).click();
  await expect(learner.page.getByRole("status")).toContainText("Your correction is saved");
  await expect(learner.page.locator("li.hours-entry", { hasText: day(-5) })).toHaveCount(2);
  await fits(learner.page);

  await shop.page.reload();
  await entry(shop.page, -5).getByRole("button", { name: "Confirm" }).click();
  await expect(shop.page.locator(".confirmed-total")).toContainText("35.5 h of");

  // The mentor writes the final evaluation; the student their self-evaluation.
  const evaluate = async (page: Page, scores: [string, string][], comment: string) => {
    await page.goto(`${placementPath}/evaluations`);
    const final = page.locator("section.stage-final");
    await final.locator("summary", { hasText: "Write your evaluation" }).click();
    for (const [area, score] of scores) {
      await final.locator("fieldset.rating", { hasText: area }).getByLabel(score).check();
    }
    await final.getByLabel("Overall comment (optional)").fill(comment);
    await fits(page);
    await final.getByRole("button", { name: "Save the evaluation" }).click();
    await expect(page.getByRole("status")).toContainText("The evaluation is saved");
  };
  await evaluate(shop.page, [["A4 Suspension", "3 Meets expectations"], ["A5 Brakes", "4 Exceeds expectations"]], "Ready for an entry-level job.");
  await evaluate(learner.page, [["A4 Suspension", "2 Developing"], ["A5 Brakes", "3 Meets expectations"]], "Alignments still slow.");

  // The coordinator reads both, then the program's list and its CSV.
  await teacher.page.setViewportSize(phone);
  await teacher.page.goto(`${placementPath}/evaluations`);
  const final = teacher.page.locator("section.stage-final");
  await expect(final.locator(".by-mentor")).toContainText("4 — Exceeds expectations");
  await expect(final.locator(".by-student")).toContainText("Alignments still slow.");
  await fits(teacher.page);
  await teacher.page.goto(placementPath);
  await teacher.page.locator(".placement-terms").getByRole("link", { name: programName }).click();
  await teacher.page.getByRole("link", { name: /Every work-based-learning placement/ }).click();
  // The school reads its student's name on Bayline.
  const row = teacher.page.locator("tr", { hasText: nameOf(student) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("35.5 h of");
  await expect(row).toContainText("Due: Midpoint evaluation");
  await fits(teacher.page);
  const [download] = await Promise.all([
    teacher.page.waitForEvent("download"),
    teacher.page.getByRole("link", { name: "Download as CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  const line = csv.split("\r\n").find((l) => l.includes(nameOf(student)))!;
  expect(line).toContain(`${shopName},active,${day(-30)},${day(3)},10,paid,`);
  expect(line).toContain(",35.50,0.00,0,");
  expect(line).toContain(",final,midpoint,");
});
