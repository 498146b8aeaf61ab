import { expect, test } from "@playwright/test";
import { addShop, address, nameOf, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { day, institutionForThisProject, zipAbout20MilesFrom } from "./places";

// Three people in three browser contexts, with JavaScript on and off: an instructor claims a
// real IPEDS program and posts an internship need; a shop about 20 miles away, added by a
// second person and verified by an admin, finds it under "Needs near you" and offers; the
// instructor accepts; both see the active partnership and exchange messages (a replayed
// message form stores nothing more); both find the other's acts in their notifications, and
// the instructor turns message emails off. People are
// SYNTHETIC; the institution (rows 20–23, each project its own) and ZIP centroids are real.


const baseURL = () => `http://127.0.0.1:${process.env.BAYLINE_E2E_PORT ?? "3100"}`;

test("a shop offers on a need, the instructor accepts, and both write in the partnership's thread", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const school = institutionForThisProject(20, 22);
  const shopZip = zipAbout20MilesFrom(school);
  expect(shopZip.distance).toBeGreaterThan(17);
  expect(shopZip.distance).toBeLessThan(23);
  const stamp = `${test.info().project.name} ${Date.now()}`;

  // The instructor: the address is at the school's own domain, so the claim is verified.
  const teacher = await person(browser);
  const instructor = address("instructor", school.domain);
  await signUp(teacher.page, instructor);
  await signIn(teacher.page, instructor);
  await teacher.page.goto(`/schools/new?unitid=${school.unitid}`);
  await teacher.page.getByRole("button", { name: "Claim this program" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "verified" })).toBeVisible();
  const programName = (await teacher.page.getByRole("heading", { level: 1 }).textContent())!;
  const title = `Internship hosts ${stamp}`;
  const form = teacher.page.locator("form.need-form");
  await form.getByLabel("What the program needs").selectOption("internship_hosts");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Number of students").fill("3");
  await form.getByLabel("Start date").fill(day(14));
  await form.getByLabel("End date").fill(day(90));
  await form.getByLabel("Paid or unpaid").selectOption("paid");
  await form.getByRole("button", { name: "Post need" }).click();
  await expect(teacher.page).toHaveURL(/\/needs\/\d+\?done=posted$/);
  const needPath = new URL(teacher.page.url()).pathname;

  // The shop, added by a second person about 20 miles away…
  const shop = await person(browser);
  const owner = address("shop-owner");
  const shopName = `Synthetic Partner Garage ${stamp}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const shopPath = await addShop(shop.page, shopName, {
    kind: "independent_repair",
    size: "5-9",
    city: shopZip.city,
    state: school.state,
    zip: shopZip.zip,
  });

  // …is verified by an admin.
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();

  // The shop finds the need near it and offers.
  await shop.page.goto("/account");
  const near = shop.page.getByRole("region", { name: "Needs near you" });
  await near.getByRole("link", { name: title }).click();
  await expect(shop.page.getByRole("heading", { level: 1 })).toHaveText(title);
  const offerForm = shop.page.locator("form.offer-form");
  await offerForm.getByLabel("Your message").fill("We can host three students.\nSaturdays too.");
  await offerForm.getByRole("button", { name: "Send offer" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Your offer is sent" })).toBeVisible();
  // A replayed submission changes nothing: still one offer.
  const needId = needPath.split("/").pop();
  const shopId = shopPath.split("/").pop()!;
  const replay = await shop.context.request.post(`${needPath}/offers`, {
    form: { shop_id: shopId, message: "A second time" },
    headers: { Origin: baseURL() },
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(303);
  await shop.page.reload();
  const offers = shop.page.getByRole("region", { name: "Offers" });
  await expect(offers.locator("li.offer")).toHaveCount(1);
  await expect(offers.locator(".message-body")).toHaveText("We can host three students.\nSaturdays too.");
  expect(outbox().some((m) => m.recipient === instructor.toLowerCase() && m.body.includes(`/needs/${needId}`))).toBe(true);

  // The instructor accepts.
  await teacher.page.goto(needPath);
  await teacher.page.getByRole("button", { name: `Accept the offer from ${shopName}` }).click();
  await expect(teacher.page).toHaveURL(/\/partnerships\/\d+\?done=accepted_offer$/);
  await expect(teacher.page.getByRole("status").filter({ hasText: "you are partners now" })).toBeVisible();
  await expect(teacher.page.locator(".partnership-status")).toHaveText("Status: Active");
  const partnershipPath = new URL(teacher.page.url()).pathname;
  expect(outbox().some((m) => m.recipient === owner.toLowerCase() && m.subject.startsWith("Offer accepted"))).toBe(true);

  // Both organisations' pages list it as active.
  await shop.page.goto(shopPath);
  const listed = shop.page.getByRole("region", { name: "Partnerships" }).locator("[data-status=active]");
  await expect(listed.getByRole("link", { name: programName })).toBeVisible();
  await listed.getByRole("link", { name: programName }).click();
  await expect(shop.page.locator(".partnership-status")).toHaveText("Status: Active");

  // Messages: plain text shown as typed, never as markup.
  const shopWords = `<b>Saturday</b> at 9? ${stamp}`;
  const submission = await shop.page.locator("form.message-form input[name=submission]").inputValue();
  expect(submission).toMatch(/^[0-9a-f]{32}$/);
  await shop.page.getByLabel("Message", { exact: true }).fill(shopWords);
  await shop.page.getByRole("button", { name: "Send message" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Message sent" })).toBeVisible();
  await expect(shop.page.locator(".thread .message-body").last()).toHaveText(shopWords);
  await expect(shop.page.locator(".thread b")).toHaveCount(0);
  // The same form submitted again (a double click, a replayed POST) stores nothing more.
  const again = await shop.context.request.post(`${partnershipPath}/messages`, {
    form: { body: shopWords, submission },
    headers: { Origin: baseURL() },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(303);
  await shop.page.reload();
  await expect(shop.page.locator(".thread .message-body", { hasText: shopWords })).toHaveCount(1);

  await teacher.page.goto(partnershipPath);
  await expect(teacher.page.locator(".thread .message-body", { hasText: shopWords })).toBeVisible();
  // People appear by the name they chose and the organisation they write for, never by
  // their e-mail address.
  await expect(teacher.page.locator(".thread")).toContainText(`${nameOf(owner)} (`);
  await expect(teacher.page.locator(".thread")).not.toContainText(owner.toLowerCase());
  await teacher.page.getByLabel("Message", { exact: true }).fill("Saturday at 9 works.");
  await teacher.page.getByRole("button", { name: "Send message" }).click();
  await expect(teacher.page.locator(".thread .message-body").last()).toHaveText("Saturday at 9 works.");
  await shop.page.reload();
  await expect(shop.page.locator(".thread .message-body").last()).toHaveText("Saturday at 9 works.");
  expect(outbox().some((m) => m.recipient === owner.toLowerCase() && m.body.includes("Saturday at 9 works."))).toBe(true);

  // Notifications: each side has the other's acts. The shop has had the thread open since,
  // which read what told it about the thread: its header counts nothing unread.
  await shop.page.goto("/account");
  await expect(shop.page.getByTestId("notifications")).toHaveText("Notifications");
  await shop.page.getByTestId("notifications").click();
  await expect(shop.page.getByRole("button", { name: `Offer accepted: "${title}"` })).toBeVisible();
  const opened = shop.page.locator("li.notice-item", { hasText: `New message from ${programName}` });
  await expect(opened).not.toHaveClass(/unread/);
  await shop.page.getByRole("button", { name: `New message from ${programName}` }).click();
  await expect(shop.page).toHaveURL(new RegExp(`${partnershipPath}$`));

  // The instructor's offer notification is about the need, not the thread: still unread.
  await teacher.page.goto("/account");
  await expect(teacher.page.getByTestId("notifications")).toHaveText(/Notifications \(\d+ unread\)/);
  await teacher.page.goto("/notifications");
  await expect(teacher.page.getByRole("button", { name: `An offer on "${title}"` })).toBeVisible();
  await expect(teacher.page.getByRole("button", { name: `New message from ${shopName}` })).toBeVisible();
  await teacher.page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "All notifications are marked read" })).toBeVisible();
  await expect(teacher.page.getByTestId("notifications")).toHaveText("Notifications");
  // The instructor stops message emails: the next message is listed but not emailed.
  await teacher.page.getByLabel("New messages in your partnerships").uncheck();
  await teacher.page.getByRole("button", { name: "Save email choices" }).click();
  await expect(teacher.page.getByRole("status").filter({ hasText: "email choices are saved" })).toBeVisible();
  await expect(teacher.page.getByLabel("New messages in your partnerships")).not.toBeChecked();
  await expect(teacher.page.getByLabel("Offers on your needs and partnership proposals")).toBeChecked();
  const quiet = `No email for this one ${stamp}`;
  await shop.page.goto(partnershipPath);
  await shop.page.getByLabel("Message", { exact: true }).fill(quiet);
  await shop.page.getByRole("button", { name: "Send message" }).click();
  await expect(shop.page.getByRole("status").filter({ hasText: "Message sent" })).toBeVisible();
  await teacher.page.reload();
  await expect(teacher.page.locator("li.notice-item.unread", { hasText: `New message from ${shopName}` }).first()).toBeVisible();
  expect(outbox().some((m) => m.recipient === instructor.toLowerCase() && m.body.includes(quiet))).toBe(false);

  // The admin is no party: the thread is not theirs to read.
  const refused = await admin.page.goto(partnershipPath);
  expect(refused!.status()).toBe(403);
  await expect(admin.page.getByRole("heading", { name: "This page is not yours to see" })).toBeVisible();
  await expect(admin.page.getByRole("link", { name: "Go to your account" })).toBeVisible();

  for (const p of [teacher, shop, admin]) await p.context.close();
});
