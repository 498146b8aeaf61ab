import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { noJs } from "./support";

// Emails are read from the outbox with `bayline outbox`, as a local run without a mail
// server would. The people are SYNTHETIC (example.com).
const root = resolve(__dirname, "../..");
function outbox(): { recipient: string; subject: string; body: string }[] {
  const out = execFileSync(process.env.BAYLINE_BIN ?? resolve(root, "target/debug/bayline"), ["outbox", "--last", "50"], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.BAYLINE_E2E_DB_DIR}/bayline.db`, RUST_LOG: "error" },
  });
  return JSON.parse(out.toString());
}

test("sign up, confirm the email from the outbox, sign in and out", async ({ page }) => {
  const email = `synthetic.${test.info().project.name}.${Date.now()}@example.com`;
  const password = "tidal-orchard-copper-lantern";
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("SYNTHETIC Kim");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("password1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("too easy to guess");
  // Nothing typed in the address; the name and email come back, the password never.
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByLabel("Your name")).toHaveValue("SYNTHETIC Kim");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Check your email");

  const mail = outbox().find((m) => m.recipient === email);
  expect(mail?.subject).toBe("Confirm your email address for Bayline");
  const link = mail!.body.match(/https?:\/\/\S+\/verify-email\?token=\w+/)![0];
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed");

  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-email")).toHaveText(email);
  // The name given at sign-up, editable here: what others see instead of the address.
  const nameField = page.getByLabel("Name shown to others");
  await expect(nameField).toHaveValue("SYNTHETIC Kim");
  await nameField.fill("SYNTHETIC Kim L.");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your name is saved" })).toBeVisible();
  await expect(page.getByLabel("Name shown to others")).toHaveValue("SYNTHETIC Kim L.");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "bayline_session")!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("You are signed out");
  await page.goto("/account");
  // Sign in first, and come back here after.
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  if (!noJs()) await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
});

test("sign-in answers the same for an unknown email and a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("nobody@example.com");
  await page.getByLabel("Password").fill("whatever-it-is-here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "the email address or password is not right" })).toBeVisible();
});
