//! One scoring pipeline, two kinds of numbers.
//!
//! The hot path computes in `f64`. Where a result sits so close to a decision boundary
//! (a published total ending in exactly half a cent, a gate's pass line, a tie) that binary
//! rounding could flip it, the same generic code runs again in exact rational arithmetic on
//! the decimal values the user typed. [`Number`] is what that code needs of a number.

use std::ops::{Add, Div, Mul, Sub};

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Arithmetic the scoring pipeline needs; implemented for `f64` (fast) and
/// [`BigRational`] (exact).
pub trait Number:
    Clone
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
{
    /// The decimal value a user typed that this float stands for (shortest round-trip
    /// representation: `81.05_f64` is exactly 81.05).
    fn from_f64(x: f64) -> Self;
    /// A whole number.
    fn from_u64(n: u64) -> Self;
    /// Whether this is zero.
    fn is_zero(&self) -> bool;
}

impl Number for f64 {
    fn from_f64(x: f64) -> Self {
        x
    }
    fn from_u64(n: u64) -> Self {
        n as f64
    }
    fn is_zero(&self) -> bool {
        *self == 0.0
    }
}

impl Number for BigRational {
    fn from_f64(x: f64) -> Self {
        decimal_of_f64(x)
    }
    fn from_u64(n: u64) -> Self {
        BigRational::from_integer(BigInt::from(n))
    }
    fn is_zero(&self) -> bool {
        Zero::is_zero(self)
    }
}

/// The exact decimal that `x` prints as. Rust prints floats in their shortest round-trip
/// form without exponents, so `0.1` becomes 1/10, not the binary neighbour of 0.1.
/// Non-finite input (never produced by validated data) maps to zero.
pub fn decimal_of_f64(x: f64) -> BigRational {
    if !x.is_finite() {
        return BigRational::zero();
    }
    let text = format!("{x}");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = format!("{int_part}{frac_part}");
    let numerator = all_digits.parse::<BigInt>().unwrap_or_default();
    let denominator = num_traits::pow(BigInt::from(10u32), frac_part.len());
    let value = BigRational::new(numerator, denominator);
    if negative { -value } else { value }
}

/// Rounds an exact non-negative or negative value to whole cents, half away from zero
/// (四舍五入 on the decimal value).
pub fn exact_cents(value: &BigRational) -> i64 {
    let scaled = value * BigRational::from_integer(BigInt::from(100u32));
    let half = BigRational::new(BigInt::one(), BigInt::from(2u32));
    let rounded = if scaled.is_negative() {
        -((-scaled) + half).floor()
    } else {
        (scaled + half).floor()
    };
    rounded.to_integer().to_i64().unwrap_or(i64::MAX)
}

/// How far (in cents) a float total may sit from a half cent before its rounding is
/// decided exactly. Totals are at most 100, so f64 error is below 1e-11 cents; 1e-6 leaves
/// five orders of margin and is still so narrow that the exact path almost never runs.
const HALF_CENT_WINDOW: f64 = 1e-6;

/// Publishes `total` in cents, rounding half up on the decimal value. `exact_cents` is asked only
/// when the float lies within a hair of a half cent, where binary error could flip the
/// result (0.3 × 81.05 + 56 is 80.315 but 80.31499999… in f64).
pub fn publish_cents(total: f64, exact_cents: impl FnOnce() -> i64) -> i64 {
    let scaled = total * 100.0;
    let floor = scaled.floor();
    let fraction = scaled - floor;
    if (fraction - 0.5).abs() <= HALF_CENT_WINDOW {
        return exact_cents();
    }
    if fraction > 0.5 {
        floor as i64 + 1
    } else {
        floor as i64
    }
}

/// Formats cents as a number with two decimals, e.g. `8032` → `80.32`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Whether two floats are close enough that their order must be decided exactly.
pub fn too_close_to_call(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Converts an exact value to the nearest float (for display).
pub fn to_f64(value: &BigRational) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(text: &str) -> BigRational {
        let x: f64 = text.parse().unwrap();
        decimal_of_f64(x)
    }

    #[test]
    fn decimal_of_f64_is_the_typed_decimal() {
        assert_eq!(exact("81.05"), BigRational::new(8105.into(), 100.into()));
        assert_eq!(exact("-0.5"), BigRational::new((-1).into(), 2.into()));
        assert_eq!(exact("60"), BigRational::from_integer(60.into()));
        assert_eq!(
            exact("0.0000001"),
            BigRational::new(1.into(), 10_000_000.into())
        );
    }

    #[test]
    fn the_design_example_publishes_half_up() {
        let float_total: f64 = 0.3 * 81.05 + 56.0;
        // The nearest f64 is 80.31499999999999772…, so formatting it gives 80.31.
        assert_eq!(format!("{float_total:.2}"), "80.31");
        let cents = publish_cents(float_total, || {
            exact_cents(&(exact("0.3") * exact("81.05") + exact("56")))
        });
        assert_eq!(cents, 8032);
        assert_eq!(format_cents(cents), "80.32");
    }

    #[test]
    fn far_from_a_half_the_float_decides_without_the_exact_path() {
        let cents = publish_cents(80.3149, || panic!("exact path must not run"));
        assert_eq!(cents, 8031);
        assert_eq!(publish_cents(80.3151, || panic!("no")), 8032);
        assert_eq!(publish_cents(99.999, || panic!("no")), 10000);
        assert_eq!(publish_cents(0.0, || panic!("no")), 0);
    }

    #[test]
    fn exact_cents_round_half_up() {
        assert_eq!(exact_cents(&exact("80.315")), 8032);
        assert_eq!(exact_cents(&exact("80.3149999")), 8031);
        assert_eq!(exact_cents(&exact("0.005")), 1);
        assert_eq!(format_cents(5), "0.05");
        assert_eq!(format_cents(10000), "100.00");
    }
}
