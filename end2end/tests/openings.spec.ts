import { expect, Page, test } from "@playwright/test";
import { addShop, address, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { day, dayInWords, institutionForThisProject, zipAbout20MilesFrom } from "./places";

// Four people in four browser contexts, with JavaScript on and off: an instructor claims a
// real IPEDS program; a shop about 20 miles away, verified by an admin, posts an
// apprenticeship; a student saves the program, finds the opening on /openings near the
// shop's ZIP and expresses interest sharing only their name and program; the shop sees
// exactly that, the instructor sees that their student applied, and the student withdraws.
// People and shops are SYNTHETIC; the institution (rows 30/32) and ZIP centroids are real.

const baseURL = () => `http://127.0.0.1:${process.env.BAYLINE_E2E_PORT ?? "3100"}`;

test("a shop posts an opening, a student shares only name and program, and the shop sees exactly that", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const school = institutionForThisProject(30, 32);
  const shopZip = zipAbout20MilesFrom(school);
  const stamp = `${test.info().project.name} ${Date.now()}`;

  // The instructor claims the program (their address is at the school's own domain).
  const teacher = await person(browser);
  const instructor = address("instructor", school.domain);
  await signUp(teacher.page, instructor);
  await signIn(teacher.page, instructor);
  await teacher.page.goto(`/schools/new?unitid=${school.unitid}`);
  await teacher.page.getByRole("button", { name: "Claim this program" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "verified" })).toBeVisible();
  const programName = (await teacher.page.getByRole("heading", { level: 1 }).textContent())!;
  const programPath = new URL(teacher.page.url()).pathname;

  // The shop, verified by an admin.
  const shop = await person(browser);
  const owner = address("shop-owner");
  const shopName = `Synthetic Apprentice Garage ${stamp}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const shopPath = await addShop(shop.page, shopName, {
    kind: "independent_repair",
    size: "5-9",
    city: shopZip.city,
    state: school.state,
    zip: shopZip.zip,
  });
  await expect(shop.page.getByRole("heading", { name: "Post an opening" })).toHaveCount(0);
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();

  // The shop posts an opening; a pay range upside down is refused beside its field first.
  const title = `Brake apprentice ${stamp}`;
  await shop.page.goto(shopPath);
  const form = shop.page.locator("form.opening-form");
  await form.getByLabel("Kind of opening").selectOption("apprenticeship");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Description").fill("Learn **A5** brakes.\n\n<script>window.pwned = 1</script>");
  await form.getByLabel("Pay from (dollars)").fill("30");
  await form.getByLabel("Pay up to (dollars)").fill("20");
  await form.getByLabel("Pay period").selectOption("hourly");
  await form.getByLabel("Schedule").selectOption("part_time");
  await form.getByLabel("Location ZIP code").fill(shopZip.zip);
  await form.getByLabel("Start date (optional)").fill(day(30));
  await form.getByRole("button", { name: "Post opening" }).click();
  // Back to the form with nothing typed in the address.
  await expect(shop.page).toHaveURL(/^[^?]*$/);
  await expect(shop.page.locator("#pay_max-error")).toHaveText("The maximum is below the minimum.");
  await expect(form.getByLabel("Title")).toHaveValue(title);
  await form.getByLabel("Pay from (dollars)").fill("18");
  await form.getByLabel("Pay up to (dollars)").fill("22.50");
  await form.getByRole("button", { name: "Post opening" }).click();
  await expect(shop.page).toHaveURL(/\/openings\/\d+\?done=posted$/);
  const openingPath = new URL(shop.page.url()).pathname;
  await expect(shop.page.locator(".meta").first()).toHaveText(`Apprenticeship · Part-time · $18–$22.50 per hour · starts ${dayInWords(day(30))}`);
  await expect(shop.page.locator(".need-description strong")).toHaveText("A5");
  await expect(shop.page.locator(".need-description script")).toHaveCount(0);

  // The student saves the program, then finds the opening near the shop's ZIP.
  const learner = await person(browser);
  const student = address("student");
  const studentName = `Sam Rivera ${stamp}`;
  await signUp(learner.page, student);
  await signIn(learner.page, student);
  await learner.page.goto(`/programs/${school.unitid}`);
  await learner.page.getByRole("button", { name: "Save this program" }).click();
  await expect(learner.page.getByText("Saved to your account.")).toBeVisible();
  await learner.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Openings" }).click();
  const search = learner.page.getByRole("search", { name: "Opening search" });
  await search.getByLabel("ZIP code").fill(shopZip.zip);
  await search.getByLabel("Within").selectOption("10");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(learner.page).toHaveURL(new RegExp(`/openings\\?zip=${shopZip.zip}&radius=10`));
  await learner.page.locator("#opening-results").getByRole("link", { name: title }).click();
  await expect(learner.page.getByRole("heading", { level: 1 })).toHaveText(title);

  // Only name and program are ticked; a month and a certification are typed but not ticked.
  const interest = learner.page.locator("form.interest-form");
  await expect(interest.getByLabel("Share my name")).toBeChecked();
  await interest.getByLabel("Your name").fill(studentName);
  await interest.getByLabel("Share my program").check();
  await interest.getByLabel("Your program").selectOption({ label: programName });
  await expect(interest.getByLabel("Share when I expect to complete")).not.toBeChecked();
  await interest.getByLabel("Month you expect to complete").fill("2027-05");
  await interest.getByLabel("A5 Brakes").check();
  await interest.getByRole("button", { name: "Express interest" }).click();
  await expect(learner.page.getByRole("status").filter({ hasText: "the shop can now see" })).toBeVisible();
  // A replayed submission keeps one interest.
  const replay = await learner.context.request.post(`${openingPath}/interest`, {
    form: { share_name: "on", name: studentName, share_program: "on", program_id: await programId(learner.page) },
    headers: { Origin: baseURL() },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(303);
  expect(replay.headers()["location"]).toContain("done=interested");

  // The shop sees exactly name and program.
  await shop.page.goto(openingPath);
  const interested = shop.page.getByRole("region", { name: "Interested students" });
  await expect(interested.locator("li.interest")).toHaveCount(1);
  await expect(interested.locator("dt")).toHaveText(["Name", "Program"]);
  await expect(interested.locator("dd")).toHaveText([studentName, programName]);
  await expect(interested).not.toContainText("2027-05");
  await expect(interested).not.toContainText("Brakes");
  await expect(interested).not.toContainText(student);
  const mails = outbox().filter((m) => m.recipient === owner.toLowerCase() && m.body.includes(openingPath));
  expect(mails).toHaveLength(1);
  expect(mails[0].body).not.toContain(studentName);

  // The instructor sees that their student applied.
  await teacher.page.goto(programPath);
  const applied = teacher.page.getByRole("region", { name: "Students who expressed interest in openings" });
  await expect(applied.getByRole("listitem")).toHaveCount(1);
  await expect(applied.getByRole("listitem")).toContainText(`${studentName} → ${title} at ${shopName}`);

  // The student finds it under My applications and withdraws; the shop no longer sees it.
  await learner.page.goto("/account");
  const mine = learner.page.getByRole("region", { name: "My applications" });
  await expect(mine.getByRole("link", { name: title, exact: true })).toBeVisible();
  await expect(mine.locator("dt")).toHaveText(["Name", "Program"]);
  await mine.getByRole("button", { name: `Withdraw from ${title}` }).click();
  await expect(learner.page.getByRole("status").filter({ hasText: "Withdrawn" })).toBeVisible();
  await expect(learner.page.getByRole("region", { name: "My applications" }).getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await shop.page.reload();
  await expect(shop.page.getByRole("region", { name: "Interested students" })).toContainText("Nobody has expressed interest yet.");

  // Closed by the shop: gone from the finder.
  await shop.page.getByRole("button", { name: `Close: ${title}` }).click();
  await expect(shop.page.locator(".opening-status")).toHaveText("Status: Closed");
  await learner.page.goto(`/openings?zip=${shopZip.zip}&radius=10`);
  await expect(learner.page.locator("#opening-results").getByRole("link", { name: title })).toHaveCount(0);
  await learner.page.goto(openingPath);
  await expect(learner.page.getByRole("heading", { level: 1 })).not.toHaveText(title);

  for (const p of [teacher, shop, admin, learner]) await p.context.close();
});

/** The id of the program chosen in the interest form's select (the page still shows it). */
async function programId(page: Page): Promise<string> {
  await page.reload();
  return (await page.locator("select#program_id option").nth(1).getAttribute("value"))!;
}
