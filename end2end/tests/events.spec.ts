import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { address, outbox, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { noJs, watchConsole } from "./support";

// Events, with JavaScript on and off: an admin publishes a webinar (a wrong end time is
// refused beside its field first), a person registers, downloads its calendar file (the
// 6 pm Chicago start is midnight UTC) and cancels; then a one-place event fills, a second
// person waits, and moves up (by email) when the first cancels. People are SYNTHETIC.

// Dates in next year's winter, so the events are always ahead and on standard time.
const year = new Date().getUTCFullYear() + 1;
const weekday = (month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).toLocaleDateString("en-US", { weekday: "short", timeZone: "UTC" });

/** axe's violations on the page as it stands (axe runs as a script, so JavaScript only). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

type EventDetails = {
  kind: string;
  title: string;
  starts: string;
  ends: string;
  zone: string;
  link?: string;
  address?: string;
  places: string;
};

/** Publishes an event through the form on /events as the signed-in admin; returns its path. */
async function publish(page: Page, e: EventDetails): Promise<string> {
  await page.goto("/events");
  const form = page.locator("form.event-form");
  await form.getByLabel("Kind of event").selectOption(e.kind);
  await form.getByLabel("Title").fill(e.title);
  await form.getByLabel("Description").fill("Bring **questions**.\n\n<script>window.pwned = 1</script>");
  await form.getByLabel("Starts").fill(e.starts);
  await form.getByLabel("Ends").fill(e.ends);
  await form.getByLabel("Time zone").selectOption(e.zone);
  if (e.link) await form.getByLabel("Online link").fill(e.link);
  if (e.address) await form.getByLabel("Address").fill(e.address);
  await form.getByLabel("Places (optional)").fill(e.places);
  await form.getByRole("button", { name: "Publish event" }).click();
  await expect(page).toHaveURL(/\/events\/\d+\?done=published$/);
  return new URL(page.url()).pathname;
}

test("an admin publishes a webinar; a person registers, downloads the calendar file and cancels", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const title = `Synthetic EV safety webinar ${stamp}`;

  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Events" }).click();
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText("Events and webinars");

  // An end before the start is refused beside its field, keeping what was typed.
  const form = admin.page.locator("form.event-form");
  await form.getByLabel("Kind of event").selectOption("webinar");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Starts").fill(`${year}-01-12T18:00`);
  await form.getByLabel("Ends").fill(`${year}-01-12T17:00`);
  await form.getByLabel("Time zone").selectOption("America/Chicago");
  await form.getByLabel("Online link").fill("https://meet.example.com/ev-safety");
  await form.getByRole("button", { name: "Publish event" }).click();
  // Back to the form with nothing typed in the address.
  await expect(admin.page).toHaveURL(/^[^?]*$/);
  await expect(admin.page.locator("#ends_at-error")).toHaveText("The end must be after the start.");
  await expect(form.getByLabel("Title")).toHaveValue(title);
  await expect(form.getByLabel("Time zone")).toHaveValue("America/Chicago");

  const eventPath = await publish(admin.page, {
    kind: "webinar",
    title,
    starts: `${year}-01-12T18:00`,
    ends: `${year}-01-12T19:00`,
    zone: "America/Chicago",
    link: "https://meet.example.com/ev-safety",
    places: "5",
  });
  await expect(admin.page.getByRole("status")).toHaveText("Your event is published.");
  await expect(admin.page.locator(".event-when")).toHaveText(`${weekday(1, 12)} 12 Jan ${year}, 6:00–7:00 pm CST`);
  await expect(admin.page.locator(".event-places")).toHaveText("5 spots left");
  await expect(admin.page.locator(".need-description strong")).toHaveText("questions");
  await expect(admin.page.locator(".need-description script")).toHaveCount(0);

  // A person finds it on /events and registers.
  const guest = await person(browser);
  const consoleIsClean = watchConsole(guest.page);
  const email = address("event-guest");
  await signUp(guest.page, email);
  await signIn(guest.page, email);
  await guest.page.goto("/events");
  await guest.page.getByRole("region", { name: "Upcoming events" }).getByRole("link", { name: title }).click();
  await expect(guest.page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(guest.page.locator("form.event-form")).toHaveCount(0);
  await guest.page.getByRole("button", { name: "Register" }).click();
  await expect(guest.page.getByRole("status")).toHaveText("You're registered. See you there!");
  await expect(guest.page.locator(".registration-state")).toHaveText("You're registered.");
  await expect(guest.page.locator(".event-places")).toHaveText("4 spots left");
  if (!noJs()) expect(await accessibilityViolations(guest.page)).toEqual([]);

  // The calendar file: the 6 pm Chicago start (CST, UTC-6) is midnight UTC the next day.
  const [download] = await Promise.all([
    guest.page.waitForEvent("download"),
    guest.page.getByRole("link", { name: "Add to your calendar (.ics file)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bayline-event-\d+\.ics$/);
  const ics = readFileSync(await download.path(), "utf8");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  const unfolded = ics.replace(/\r\n /g, "");
  const lines = unfolded.split("\r\n");
  expect(lines).toContain(`SUMMARY:${title}`);
  expect(lines).toContain(`DTSTART:${year}0113T000000Z`);
  expect(lines).toContain(`DTEND:${year}0113T010000Z`);
  expect(lines).toContain("URL:https://meet.example.com/ev-safety");
  expect(lines.some((l) => l.startsWith("UID:event-"))).toBe(true);
  expect(lines.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
  for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);

  // Cancelling frees the place.
  await guest.page.getByRole("button", { name: "Cancel my registration" }).click();
  await expect(guest.page.getByRole("status")).toHaveText("Your registration is cancelled. Thanks for letting us know.");
  await expect(guest.page.getByRole("button", { name: "Register" })).toBeVisible();
  await expect(guest.page.locator(".event-places")).toHaveText("5 spots left");

  // The admin's list page (with its publishing form) passes axe too.
  await admin.page.goto("/events");
  await expect(admin.page.getByRole("region", { name: "Upcoming events" }).getByRole("link", { name: title })).toBeVisible();
  if (!noJs()) expect(await accessibilityViolations(admin.page)).toEqual([]);
  expect(eventPath).toMatch(/^\/events\/\d+$/);
  consoleIsClean();
});

test("a full event keeps a waiting list, and the first in line moves up when someone cancels", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const title = `Synthetic brake clinic ${stamp}`;
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  const eventPath = await publish(admin.page, {
    kind: "in_person",
    title,
    starts: `${year}-03-02T09:00`,
    ends: `${year}-03-02T12:30`,
    zone: "America/Denver",
    address: "1 Synthetic Way, Denver, CO 80202",
    places: "1",
  });
  await expect(admin.page.locator(".event-when")).toHaveText(`${weekday(3, 2)} 2 Mar ${year}, 9:00 am–12:30 pm MST`);

  const first = await person(browser);
  const firstEmail = address("event-first");
  await signUp(first.page, firstEmail);
  await signIn(first.page, firstEmail, eventPath);
  await first.page.getByRole("button", { name: "Register" }).click();
  await expect(first.page.locator(".registration-state")).toHaveText("You're registered.");
  await expect(first.page.locator(".event-places")).toHaveText("Full: new registrations join the waiting list");

  const second = await person(browser);
  const secondEmail = address("event-second");
  await signUp(second.page, secondEmail);
  await signIn(second.page, secondEmail, eventPath);
  await second.page.getByRole("button", { name: "Join the waiting list" }).click();
  await expect(second.page.getByRole("status")).toContainText("you're on the waiting list");
  await expect(second.page.locator(".registration-state")).toHaveText("You're on the waiting list: number 1 in line.");

  // The first person cancels: the second moves up and is emailed.
  await first.page.getByRole("button", { name: "Cancel my registration" }).click();
  await expect(first.page.getByRole("button", { name: "Join the waiting list" })).toBeVisible();
  await second.page.reload();
  await expect(second.page.locator(".registration-state")).toHaveText("You're registered.");
  const promoted = outbox().filter((m) => m.recipient === secondEmail.toLowerCase() && m.subject.includes(title));
  expect(promoted).toHaveLength(1);
  expect(promoted[0].subject).toContain("a place opened up");
  expect(promoted[0].body).toContain(eventPath);

  // The admin cancels the event: it shows as cancelled and the registered person is emailed.
  await admin.page.goto(eventPath);
  await admin.page.getByRole("button", { name: `Cancel this event: ${title}` }).click();
  await expect(admin.page.getByRole("status")).toContainText("The event is cancelled");
  await second.page.reload();
  await expect(second.page.getByText("This event is cancelled.", { exact: true })).toBeVisible();
  await expect(second.page.getByText("Registration is closed: this event is cancelled.")).toBeVisible();
  const cancelled = outbox().filter((m) => m.recipient === secondEmail.toLowerCase() && m.subject === `Cancelled: ${title}`);
  expect(cancelled).toHaveLength(1);
});
