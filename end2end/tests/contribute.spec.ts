import { expect, test } from "@playwright/test";
import { addShop, address, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { watchConsole } from "./support";

// The Industry Data Exchange's contribute page, with JavaScript on and off: a shop owner
// sees why an unverified shop cannot contribute; once an admin verifies it, the owner opens
// "Contribute pay data" from the account page, asks for more rows without losing what was
// typed, is refused beside the right field with everything kept, contributes, reads the
// receipt and the history, and resubmits, which supersedes the first. People and shops are
// SYNTHETIC; the ZIP centroid (48201, Detroit) is real. Review of held outliers needs 20
// shops in the published data and is covered over HTTP (server/tests/http/insights_forms.rs).

/** The calendar quarter a contribution made now counts for, as the page writes it. */
function currentQuarter(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

test("a verified shop contributes pay data, is refused beside the field, and cannot send a second version the same day", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = `${test.info().project.name} ${Date.now()}`;
  const shop = await person(browser);
  const consoleClean = watchConsole(shop.page);
  const owner = address("pay-owner");
  const shopName = `Synthetic Pay Garage ${stamp}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const shopPath = await addShop(shop.page, shopName, {
    kind: "independent_repair",
    size: "5-9",
    city: "Detroit",
    state: "MI",
    zip: "48201",
  });

  // Not verified yet: the shop's page and the contribute page say why, and offer no form.
  await expect(shop.page.getByText("Your shop can contribute pay data once Bayline's admins verify it.")).toBeVisible();
  await shop.page.goto(`${shopPath}/pay`);
  await expect(shop.page.locator(".cannot-contribute")).toContainText("waiting for verification");
  await expect(shop.page.getByRole("button", { name: "Submit pay data" })).toHaveCount(0);

  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  await admin.page.getByRole("link", { name: "Pay data held for review" }).click();
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText("Pay data held for review");

  // From the account page to the form.
  await shop.page.goto("/account");
  await shop.page.getByRole("link", { name: `Contribute pay data for ${shopName}` }).click();
  await expect(shop.page).toHaveURL(new RegExp(`${shopPath}/pay$`));
  await expect(shop.page.getByRole("heading", { level: 1 })).toHaveText("Contribute pay data");
  await expect(shop.page.getByText("Your shop has not contributed yet.")).toBeVisible();
  const form = shop.page.locator("form.contribute-form");
  const row = (n: number) => form.getByRole("group", { name: `Pay row ${n}`, exact: true });
  await expect(row(2)).toBeVisible();
  await expect(row(3)).toHaveCount(0);

  // Row 1, with a rate above the plausible bound; then more rows, keeping what was typed.
  await row(1).getByLabel("Role").selectOption("general_service");
  await row(1).getByLabel("Pay type").selectOption("hourly");
  await row(1).getByLabel("Rate (dollars)").fill("151");
  await row(1).getByLabel("Technicians").fill("3");
  await row(1).getByLabel("Experience").selectOption("3-5");
  await row(1).getByLabel("ASE certification").selectOption("certified");
  await form.getByRole("button", { name: "More pay rows" }).click();
  await expect(row(6)).toBeVisible();
  // The figures typed so far come back from the server, never through the address.
  await expect(shop.page).toHaveURL(/^[^?]*$/);
  await expect(row(1).getByLabel("Rate (dollars)")).toHaveValue("151");
  await expect(row(1).getByLabel("Role")).toHaveValue("general_service");

  // Row 2: the same role at another experience band, paid flat rate.
  await row(2).getByLabel("Role").selectOption("general_service");
  await row(2).getByLabel("Pay type").selectOption("flat_rate");
  await row(2).getByLabel("Rate (dollars)").fill("30");
  await row(2).getByLabel("Flat-rate hours a week").fill("45");
  await row(2).getByLabel("Technicians").fill("2");
  await row(2).getByLabel("Experience").selectOption("6-10");
  await row(2).getByLabel("ASE certification").selectOption("master");
  await form.getByLabel("Health insurance").check();
  await form.getByLabel("Uniforms").check();
  await form.getByLabel("Retirement match (%)").fill("4");
  await form.getByLabel("Tool allowance (dollars a year)").fill("500");
  await form.getByLabel("Paid time off (days a year)").fill("10");
  await form.getByLabel("Mechanical").fill("145");
  await form.getByRole("button", { name: "Submit pay data" }).click();

  // Back to the form with nothing typed in the address.
  await expect(shop.page).toHaveURL(/^[^?]*$/);
  await expect(shop.page.locator("#row1_rate-error")).toHaveText(
    "Row 1 (General service technician): an hourly rate of $151.00 is implausible: it must be from $7.25 to $150.00.",
  );
  await expect(row(1).getByLabel("Rate (dollars)")).toHaveAttribute("aria-invalid", "true");
  await expect(row(1).getByLabel("Rate (dollars)")).toHaveValue("151");
  await expect(row(2).getByLabel("Flat-rate hours a week")).toHaveValue("45");
  await expect(row(2).getByLabel("ASE certification")).toHaveValue("master");
  await expect(form.getByLabel("Health insurance")).toBeChecked();
  await expect(form.getByLabel("Paid training")).not.toBeChecked();
  await expect(form.getByLabel("Mechanical")).toHaveValue("145");
  await expect(shop.page.getByText("Your shop has not contributed yet.")).toBeVisible();

  // Corrected: the receipt names the quarter and the 3-month delay; the history lists it.
  const quarter = currentQuarter();
  await row(1).getByLabel("Rate (dollars)").fill("27.50");
  await form.getByRole("button", { name: "Submit pay data" }).click();
  await expect(shop.page).toHaveURL(/\/pay\?receipt=\d+$/);
  const receipt = shop.page.getByRole("status").filter({ hasText: "Received" });
  await expect(receipt).toContainText(`Received: your pay data for ${quarter}.`);
  await expect(receipt).toContainText("An admin may review it before it is used.");
  await expect(receipt).toContainText("Figures use only data at least 3 months old, so it is first used on");
  const history = shop.page.locator("table.pay-history tbody tr");
  await expect(history).toHaveCount(1);
  await expect(history.first().locator("th")).toHaveText(quarter);
  await expect(history.first().locator(".status")).toHaveText("Received");
  await expect(history.first()).toContainText("General service technician · $27.50 an hour · 3 technicians · 3–5 years · ASE certified");
  await expect(history.first()).toContainText("General service technician · $30 per flagged hour × 45 hours a week · 2 technicians · 6–10 years · ASE Master");
  await expect(history.first()).toContainText("Health insurance, Uniforms, 4% retirement match, $500 a year tool allowance, 10 paid days off");
  await expect(history.first()).toContainText("Mechanical $145 an hour");

  // The form starts from the latest submission; another version the same day is refused
  // beside the form, keeping what was typed (one a day, three a quarter: no oracle).
  await expect(row(1).getByLabel("Rate (dollars)")).toHaveValue("27.50");
  await expect(form.getByLabel("Uniforms")).toBeChecked();
  await row(1).getByLabel("Rate (dollars)").fill("28");
  await form.getByRole("button", { name: "Submit pay data" }).click();
  await expect(shop.page.getByRole("alert").filter({ hasText: "less than a day ago" })).toBeVisible();
  await expect(row(1).getByLabel("Rate (dollars)")).toHaveValue("28");
  await expect(history).toHaveCount(1);

  // The shop's page links here too.
  await shop.page.goto(shopPath);
  await shop.page.getByRole("link", { name: "Contribute pay data" }).click();
  await expect(shop.page).toHaveURL(new RegExp(`${shopPath}/pay$`));
  consoleClean();
});
