import { Browser, BrowserContext, expect, Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { noJs } from "./support";

// SYNTHETIC people for the flows: they sign up through the forms, and their email is read
// from the outbox with `bayline outbox`, as a local run without a mail server would.
const root = resolve(__dirname, "../..");
const bin = process.env.BAYLINE_BIN ?? resolve(root, "target/debug/bayline");
const cliEnv = () => ({
  ...process.env,
  DATABASE_URL: `sqlite://${process.env.BAYLINE_E2E_DB_DIR}/bayline.db`,
  RUST_LOG: "error",
});

export const PASSWORD = "tidal-orchard-copper-lantern";

export type Mail = { recipient: string; subject: string; body: string };

export function outbox(): Mail[] {
  return JSON.parse(execFileSync(bin, ["outbox", "--last", "200"], { env: cliEnv() }).toString());
}

/** The newest mail to `recipient`, and the first link in it to `path`. */
export function linkFor(recipient: string, path: string): string {
  const mail = outbox().find((m) => m.recipient === recipient.toLowerCase() && m.body.includes(path));
  expect(mail, `a mail to ${recipient} with a ${path} link`).toBeTruthy();
  const url = new URL(mail!.body.match(new RegExp(`https?://\\S+${path.replace(/[?]/g, "\\?")}\\S*`))![0]);
  return url.pathname + url.search;
}

/** A unique address for this project and test. */
export function address(who: string, domain = "example.com"): string {
  const project = test.info().project.name;
  return `synthetic.${who}.${project}.${Date.now()}.${test.info().workerIndex}@${domain}`;
}

/** Signs up and confirms the address through the emailed link. */
/** The name a SYNTHETIC person gives at sign-up: "SYNTHETIC" and their address's first part. */
export function nameOf(email: string): string {
  return `SYNTHETIC ${email.split("@")[0]}`;
}

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(nameOf(email));
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText("Check your email");
  await page.goto(linkFor(email, "/verify-email?token="));
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed");
}

export async function signIn(page: Page, email: string, next = ""): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (new URL(page.url()).pathname === "/login/code") {
    await page.getByLabel("Code from your authenticator app").fill(await nextCode(email));
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page.getByTestId("signed-in-as")).toContainText(nameOf(email));
}

// The authenticator app of each SYNTHETIC person who set up a second factor: its secret and
// the last 30-second step whose code was used (the server accepts each step once).
const authenticators = new Map<string, { secret: string; lastStep: number }>();

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/=+$/, "")) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) an authenticator app shows for `step`. */
export function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/** A code the server has not accepted yet: this step's, or the next (one step of drift is allowed). */
export async function nextCode(email: string): Promise<string> {
  const app = authenticators.get(email);
  expect(app, `${email} has an authenticator`).toBeTruthy();
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, app!.lastStep + 1);
    if (step <= now + 1) {
      app!.lastStep = step;
      return totp(app!.secret, step);
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
}

/** Sets up a second factor on /account/second-factor as the signed-in `page`; returns the recovery codes. */
export async function setUpSecondFactor(page: Page, email: string): Promise<string[]> {
  await page.goto("/account/second-factor");
  await page.getByRole("button", { name: "Set up a second factor" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  authenticators.set(email, { secret, lastStep: 0 });
  await page.getByLabel("Code from the app").fill(await nextCode(email));
  await page.getByRole("button", { name: "Turn on the second factor" }).click();
  await expect(page.getByRole("status").first()).toContainText("Your second factor is on");
  return (await page.getByTestId("recovery-codes").locator("code").allTextContents()).map((c) => c.trim());
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("You are signed out");
}

/** Makes an existing account an admin with the operator's command. */
export function makeAdmin(email: string): void {
  execFileSync(bin, ["admin", "create", email], { env: cliEnv() });
}

/** A signed-up, signed-in admin with the second factor admins must have. */
export async function signInAsNewAdmin(page: Page): Promise<string> {
  const email = address("admin", "bayline.example.com");
  await signUp(page, email);
  makeAdmin(email);
  await signIn(page, email);
  await setUpSecondFactor(page, email);
  return email;
}

const baseURL = () => `http://127.0.0.1:${process.env.BAYLINE_E2E_PORT ?? "3100"}`;

/** A separate person: their own browser context (cookies), with this project's JavaScript setting. */
export async function person(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled: !noJs() });
  return { context, page: await context.newPage() };
}

export type ShopDetails = { kind: string; size: string; city: string; state: string; zip: string };

/** Adds a SYNTHETIC shop through /shops/new as the signed-in `page`; returns its page's path. */
export async function addShop(page: Page, name: string, shop: ShopDetails): Promise<string> {
  await page.goto("/shops/new");
  await page.getByLabel("Shop name").fill(name);
  await page.getByLabel("Kind of shop").selectOption(shop.kind);
  await page.getByLabel("Technicians").selectOption(shop.size);
  await page.getByLabel("City").fill(shop.city);
  await page.getByLabel("State").selectOption(shop.state);
  await page.getByLabel("ZIP code").fill(shop.zip);
  await page.getByRole("button", { name: "Add shop" }).click();
  await expect(page).toHaveURL(/\/orgs\/\d+\?done=created$/);
  return new URL(page.url()).pathname;
}

/**
 * The operator's SYNTHETIC billing details, set by an admin on /admin/membership: invoices
 * print them, and no invoice is issued before they exist. Every spec writes the same values,
 * so specs running at once never see each other's.
 */
export async function setBillingDetails(admin: Page): Promise<void> {
  await admin.goto("/admin/membership");
  const billing = admin.getByRole("region", { name: "Billing details" });
  await billing.getByLabel("Legal name").fill("SYNTHETIC Bayline Operator LLC");
  await billing.getByLabel("Postal address").fill("1 Synthetic Way\nTestville, MI 48201");
  await billing.getByLabel("Contact email for invoices").fill("billing@example.com");
  await billing.getByLabel("Payment instructions").fill("SYNTHETIC: cheques to the address below, quoting the invoice number.");
  await billing.getByRole("button", { name: "Save billing details" }).click();
  await expect(admin.getByRole("status")).toContainText("Billing details saved");
}
