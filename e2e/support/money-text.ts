/**
 * An amount shown or exported as text ("$1,234.56", "-$0.50", "−$3.00", "1234.50") in integer minor units,
 * parsed as a string (never through a float). `exponent`: the currency's decimals (2 for USD).
 */
export function minorFromText(text: string, exponent = 2): bigint {
  const t = text.trim().replace(/\s/g, "");
  const m = /^([-−])?[^\d.,\-−]*([\d,]+)(?:\.(\d+))?$/.exec(t);
  if (!m) throw new Error(`not an amount: "${text}"`);
  const [, sign, whole, fraction = ""] = m;
  if (fraction.length > exponent) throw new Error(`"${text}" has more than ${exponent} decimals`);
  const minor = BigInt(whole.replace(/,/g, "") + fraction.padEnd(exponent, "0"));
  return sign ? -minor : minor;
}
