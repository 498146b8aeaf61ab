import { expect, test } from "@playwright/test";
import { addShop, address, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";

// A shop answers a student, with JavaScript on and off: the student expresses interest
// sharing only their name; a member of the shop opens the application from the opening's
// list, writes to the student and sets the status to Interview; the student is told, reads
// the status under "My applications", answers, reports the shop's message, blocks the shop
// (whose message box closes) and withdraws (the shop no longer finds the application).
// People and shops are SYNTHETIC; the ZIP centroid (48201, Detroit) is the real GeoNames row.

test("a shop answers a student, who reads the status, replies, blocks the shop and withdraws", async ({ browser }) => {
  test.setTimeout(150_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;

  // A verified shop with an opening.
  const shop = await person(browser);
  const owner = address("answering-owner");
  const shopName = `Synthetic Answering Garage ${stamp}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const shopPath = await addShop(shop.page, shopName, {
    kind: "independent_repair",
    size: "5-9",
    city: "Detroit",
    state: "MI",
    zip: "48201",
  });
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  const title = `Lube technician ${stamp}`;
  await shop.page.goto(shopPath);
  const form = shop.page.locator("form.opening-form");
  await form.getByLabel("Kind of opening").selectOption("entry_level_job");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Pay from (dollars)").fill("17");
  await form.getByLabel("Pay up to (dollars)").fill("19");
  await form.getByLabel("Pay period").selectOption("hourly");
  await form.getByLabel("Schedule").selectOption("full_time");
  await form.getByLabel("Location ZIP code").fill("48201");
  await form.getByRole("button", { name: "Post opening" }).click();
  await expect(shop.page).toHaveURL(/\/openings\/\d+\?done=posted$/);
  const openingPath = new URL(shop.page.url()).pathname;

  // The student shares only their name.
  const learner = await person(browser);
  const student = address("answered-student");
  const studentName = `Riley Chen ${stamp}`;
  await signUp(learner.page, student);
  await signIn(learner.page, student);
  await learner.page.goto(openingPath);
  const interest = learner.page.locator("form.interest-form");
  await interest.getByLabel("Your name").fill(studentName);
  await interest.getByRole("button", { name: "Express interest" }).click();
  await expect(learner.page.getByRole("status").filter({ hasText: "the shop can now see" })).toBeVisible();
  await expect(learner.page.locator(".your-interest .application-status")).toContainText("Status: New");

  // The shop answers from the opening's list: a message, then a status.
  await shop.page.goto(openingPath);
  await shop.page.getByRole("link", { name: `Answer ${studentName}` }).click();
  await expect(shop.page).toHaveURL(/\/applications\/\d+$/);
  const applicationPath = new URL(shop.page.url()).pathname;
  await expect(shop.page.locator(".lede")).toHaveText(`Application of ${studentName}`);
  await expect(shop.page.locator("body")).not.toContainText(student);
  const question = `Could you come in on Tuesday at 4? (${stamp})`;
  await shop.page.getByLabel("Message to the student").fill(question);
  await shop.page.getByRole("button", { name: "Send message" }).click();
  await expect(shop.page.getByRole("status")).toContainText("Message sent");
  await expect(shop.page.locator(".application-status")).toContainText("Status: Contacted");
  await shop.page.getByLabel("Set the status the student sees").selectOption("interview");
  await shop.page.getByRole("button", { name: "Save status" }).click();
  await expect(shop.page.getByRole("status")).toContainText("Status saved");
  await expect(shop.page.locator(".application-status")).toContainText("Status: Interview");

  // The student is told in-app and by e-mail, and reads the status under My applications.
  const mails = outbox().filter((m) => m.recipient === student.toLowerCase() && m.body.includes(applicationPath));
  expect(mails.length).toBeGreaterThanOrEqual(2);
  expect(mails.some((m) => m.body.includes(question))).toBe(true);
  await learner.page.goto("/notifications");
  await expect(learner.page.locator("body")).toContainText(`${shopName} wrote about your application`);
  await learner.page.goto("/account");
  const mine = learner.page.getByRole("region", { name: "My applications" });
  await expect(mine.locator(".application-status")).toContainText("Status: Interview");
  await mine.getByRole("link", { name: `Conversation about ${title}` }).click();
  await expect(learner.page).toHaveURL(new RegExp(`${applicationPath}$`));
  await expect(learner.page.locator(".thread .message.from-shop .message-body")).toHaveText(question);
  await expect(learner.page.locator(".thread .message.from-shop .meta")).toContainText(shopName);
  // When it was sent: in words, in the reader's zone, beside the instant.
  const sent = learner.page.locator(".thread .message.from-shop time");
  await expect(sent).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  await expect(sent).toHaveText(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2} [ap]m [A-Z]{3,4}$/);
  const reply = `Yes, Tuesday at 4 works. (${stamp})`;
  await learner.page.getByLabel("Message to the shop").fill(reply);
  await learner.page.getByRole("button", { name: "Send message" }).click();
  await expect(learner.page.getByRole("status")).toContainText("Message sent");

  // The shop reads the reply under the name the student shared.
  await shop.page.reload();
  const answer = shop.page.locator(".thread .message.from-student");
  await expect(answer.locator(".message-body")).toHaveText(reply);
  await expect(answer.locator(".meta")).toContainText(studentName);

  // The student reports the shop's message; it reaches the admins' queue.
  await learner.page.getByRole("link", { name: "Report this message" }).click();
  await expect(learner.page).toHaveURL(/\/report\?target=application_message&id=\d+$/);
  await learner.page.getByLabel("Why are you reporting it?").selectOption("inappropriate");
  await learner.page.getByRole("button", { name: "Send report" }).click();
  await expect(learner.page.getByRole("status")).toContainText("Your report on this");
  await admin.page.goto("/admin/reports");
  await expect(admin.page.locator("body")).toContainText(question);

  // The student blocks the shop: its message box closes.
  await learner.page.goto(applicationPath);
  await learner.page.getByRole("button", { name: `Block ${shopName}` }).click();
  await expect(learner.page.getByRole("status")).toContainText("Blocked");
  await shop.page.reload();
  await expect(shop.page.getByText("The student stopped messages from your shop.")).toBeVisible();
  await expect(shop.page.getByLabel("Message to the student")).toHaveCount(0);

  // The student withdraws: the shop no longer finds the application.
  await learner.page.getByRole("button", { name: "Withdraw my application" }).click();
  await expect(learner.page.getByRole("status")).toContainText("Withdrawn");
  await expect(learner.page.getByText("You withdrew this application")).toHaveCount(2);
  await shop.page.reload();
  await expect(shop.page.locator("body")).not.toContainText(studentName);
  await shop.page.goto(openingPath);
  await expect(shop.page.getByRole("region", { name: "Interested students" })).toContainText("Nobody has expressed interest yet.");

  for (const who of [shop, learner, admin]) await who.context.close();
});
