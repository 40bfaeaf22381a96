/**
 * How many comments the server takes, from whom, before it asks people to
 * wait. The rules (guard.ts applies them):
 *
 * - Each client address has its own allowance: `verified` for comments with
 *   a solved proof of work, the stricter `unverified` for those without one
 *   (no JavaScript, an old browser, or a script).
 * - `unverifiedOverall` caps comments without a proof from everyone
 *   together: the line against a flood from many addresses.
 * - `overall` is one pool for everything beyond a verified client's own
 *   allowance: every unverified comment draws on it, and so does a verified
 *   comment from an address that has used up its allowance (a school or a
 *   ministry behind one NAT address, a workshop room on one Wi-Fi). A
 *   verified comment is refused only when its address's allowance and this
 *   pool are both used up, and then every unverified comment is refused too:
 *   proven work is never turned away while an unverified flood from
 *   elsewhere still gets in.
 * - `workshop` replaces the per-address allowances for addresses a
 *   maintainer lists for a time-boxed event (CONSULTA_WORKSHOP_ADDRESSES and
 *   CONSULTA_WORKSHOP_UNTIL); such comments draw on neither overall pool.
 */

/** A rate: `points` comments per `durationSeconds`. */
export interface Rate {
  points: number;
  durationSeconds: number;
}

export interface IntakeLimits {
  /** Per client address, comments with a valid proof of work. */
  verified: Rate;
  /** Per client address, comments without one. */
  unverified: Rate;
  /** All clients together, comments without one. */
  unverifiedOverall: Rate;
  /** All clients together, comments beyond a verified client's own allowance (every unverified comment counts too). */
  overall: Rate;
  /** Per listed workshop address, any comment, while the workshop allowance lasts. */
  workshop: Rate;
}

/**
 * The defaults: a careful reviewer comments paragraph by paragraph (20 in 10
 * minutes); five comments an hour without a proof per address; 100 such an
 * hour from everyone; 300 an hour beyond the per-address allowances, which
 * is still under GitHub's 500 new issues an hour; 200 an hour for each
 * workshop address (a room of 40 writing five comments each).
 */
export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  verified: { points: 20, durationSeconds: 600 },
  unverified: { points: 5, durationSeconds: 3600 },
  unverifiedOverall: { points: 100, durationSeconds: 3600 },
  overall: { points: 300, durationSeconds: 3600 },
  workshop: { points: 200, durationSeconds: 3600 },
};

/** Addresses that comment together at an event, and when that allowance ends. */
export interface WorkshopAllowance {
  /** Addresses and CIDR ranges. */
  addresses: string[];
  until: Date;
}
