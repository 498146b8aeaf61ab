import { expect, test } from "@playwright/test";
import { PASSWORD, address, makeAdmin, nameOf, nextCode, person, setUpSecondFactor, signIn, signOut, signUp } from "./people";
import { watchConsole } from "./support";

// A second factor from set-up to signing in with a code and with a recovery code, the
// admin who is led to set one up, and ending another device's session. People are SYNTHETIC.

test("set up a second factor, sign in with a code and with a recovery code", async ({ page }) => {
  const consoleIsClean = watchConsole(page);
  const email = address("totp");
  await signUp(page, email);
  await signIn(page, email);
  await page.goto("/account");
  await page.getByRole("link", { name: "Set up a second factor" }).click();
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  const codes = await setUpSecondFactor(page, email);
  expect(codes).toHaveLength(10);
  // Shown once: a reload shows no codes.
  await page.reload();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
  await expect(page.getByTestId("recovery-codes-left")).toContainText("10 of your recovery codes are unused");

  await page.goto("/account");
  await signOut(page);
  // The password alone is not enough: the code page asks for the second step.
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\/code$/);
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#sign-in-code-error")).toContainText("4 more tries");
  await page.getByLabel("Code from your authenticator app").fill(await nextCode(email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(nameOf(email));
  await signOut(page);

  // Phone lost: a recovery code, typed in capitals, signs in once.
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Code from your authenticator app").fill(codes[0].toUpperCase());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(nameOf(email));
  await page.goto("/account/second-factor");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 of your recovery codes are unused");
  await page.screenshot({ path: test.info().outputPath("second-factor.png"), fullPage: true });
  consoleIsClean();
});

test("a new admin is led to set up a second factor before the admin pages open", async ({ page }) => {
  const email = address("newadmin", "bayline.example.com");
  await signUp(page, email);
  makeAdmin(email);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account\/second-factor$/);
  await expect(page.getByTestId("admin-needs-second-factor")).toBeVisible();
  const refused = await page.goto("/admin");
  expect(refused!.status()).toBe(403);
  await setUpSecondFactor(page, email);
  const admin = await page.goto("/admin");
  expect(admin!.status()).toBe(200);
  // Admins keep theirs: there is no way to turn it off.
  await page.goto("/account/second-factor");
  await expect(page.getByRole("button", { name: "Turn off the second factor" })).toHaveCount(0);
});

test("see the signed-in devices and sign another one out", async ({ page, browser }) => {
  const email = address("devices");
  await signUp(page, email);
  await signIn(page, email);
  const other = await person(browser);
  await signIn(other.page, email);

  await page.goto("/account");
  const devices = page.getByTestId("devices").locator("li");
  await expect(devices).toHaveCount(2);
  await expect(page.getByTestId("devices")).toContainText("(this device)");
  await page.getByRole("button", { name: "Sign out every other device" }).click();
  await expect(page.getByRole("status").first()).toContainText("Every other device is signed out");
  await expect(devices).toHaveCount(1);

  // The other browser is signed out: its next page asks it to sign in.
  await other.page.goto("/account");
  await expect(other.page).toHaveURL(/\/login/);
  await other.context.close();
});
