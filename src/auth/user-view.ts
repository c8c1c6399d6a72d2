import type { Role } from '../storage/schema.js';
import type { User } from '../storage/repositories/users-repository.js';

/** A user as routes and pages read it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** pending_activation, active, closed. */
  status: string;
  locale: string;
  advertiserId: string | null;
  publisherId: string | null;
  /** A generated one-time password the user must replace first. */
  mustChangePassword: boolean;
  createdAt: number;
  activatedAt: number | null;
}

export function userView(row: User): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    locale: row.locale,
    advertiserId: row.advertiser_id,
    publisherId: row.publisher_id,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}
