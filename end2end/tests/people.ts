import { Browser, BrowserContext, expect, Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
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
export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto("/signup");
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
  await expect(page.getByTestId("signed-in-as")).toContainText(email.toLowerCase());
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toContainText("You are signed out");
}

/** Makes an existing account an admin with the operator's command. */
export function makeAdmin(email: string): void {
  execFileSync(bin, ["admin", "create", email], { env: cliEnv() });
}

/** A signed-up, signed-in admin. */
export async function signInAsNewAdmin(page: Page): Promise<string> {
  const email = address("admin", "bayline.example.com");
  await signUp(page, email);
  makeAdmin(email);
  await signIn(page, email);
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
