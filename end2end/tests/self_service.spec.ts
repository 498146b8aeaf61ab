import { expect, Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

// Account self-service in a browser, with JavaScript on and off. Emails are read from the
// outbox with `bayline outbox`. The people are SYNTHETIC (example.com).
const root = resolve(__dirname, "../..");
const password = "tidal-orchard-copper-lantern";
const newPassword = "quiet-harbour-saffron-engine";

type Mail = { recipient: string; subject: string; body: string };
function outbox(): Mail[] {
  const out = execFileSync(process.env.BAYLINE_BIN ?? resolve(root, "target/debug/bayline"), ["outbox", "--last", "200"], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.BAYLINE_E2E_DB_DIR}/bayline.db`, RUST_LOG: "error" },
  });
  return JSON.parse(out.toString());
}

/** The path and query of the link in the newest mail to `recipient` with this subject. */
function linkFrom(recipient: string, subject: string, path: string): string {
  const mail = outbox().find((m) => m.recipient === recipient && m.subject === subject);
  expect(mail, `a mail "${subject}" to ${recipient}`).toBeTruthy();
  const url = new URL(mail!.body.match(new RegExp(`https?://\\S+${path}\\?token=\\w+`))![0]);
  return url.pathname + url.search;
}

function syntheticEmail(what: string): string {
  return `synthetic.${what}.${test.info().project.name}.${Date.now()}@example.com`;
}

async function signIn(page: Page, email: string, pass: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(pass);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs up, confirms the address from the outbox and signs in. */
async function newAccount(page: Page, email: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("SYNTHETIC Self-Service");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Check your email");
  await page.goto(linkFrom(email, "Confirm your email address for Bayline", "/verify-email"));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/account$/);
}

test("a forgotten password is reset through the emailed link", async ({ page }) => {
  const email = syntheticEmail("reset");
  await newAccount(page, email);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address");

  const link = linkFrom(email, "Reset your Bayline password", "/reset-password");
  await page.goto(link);
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();

  await signIn(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
  await signIn(page, email, newPassword);
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("the email address changes once the new inbox confirms it", async ({ page }) => {
  const email = syntheticEmail("old");
  const newEmail = syntheticEmail("new");
  await newAccount(page, email);

  const section = page.getByRole("region", { name: "Change your email address" });
  await section.getByLabel("New email address").fill(newEmail);
  await section.getByLabel("Current password").fill(password);
  await section.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(page.getByRole("status")).toContainText("Check the inbox of the new address");

  await page.goto(linkFrom(newEmail, "Confirm your new email address for Bayline", "/confirm-email-change"));
  await page.getByRole("button", { name: "Confirm my new email address" }).click();
  await expect(page.getByRole("status")).toContainText("Your email address is changed");
  await expect(page.getByTestId("account-email")).toHaveText(newEmail);
  expect(outbox().some((m) => m.recipient === email && m.subject === "Your Bayline email address was changed")).toBe(true);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signIn(page, newEmail, password);
  await expect(page.getByTestId("account-email")).toHaveText(newEmail);
});

test("one's data downloads as JSON", async ({ page }) => {
  const email = syntheticEmail("export");
  await newAccount(page, email);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("bayline-data.json");
  const data = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(data.account.email).toBe(email);
  expect(data.audit_events.map((e: { event: string }) => e.event)).toContain("data_exported");
  expect(JSON.stringify(data)).not.toContain("argon2");
});

test("a deleted account cannot sign in", async ({ page }) => {
  const email = syntheticEmail("delete");
  await newAccount(page, email);
  const danger = page.getByRole("region", { name: "Delete your account" });
  await danger.getByLabel("Current password").fill("not-my-password");
  await danger.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.locator("#delete-delete_password-error")).toContainText("not your current password");

  await page.getByRole("region", { name: "Delete your account" }).getByLabel("Current password").fill(password);
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page).toHaveURL(/\/\?done=account_deleted$/);
  await expect(page.getByRole("status")).toContainText("Your account and its data are deleted");
  expect((await page.context().cookies()).some((c) => c.name === "bayline_session")).toBe(false);

  await signIn(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
});
