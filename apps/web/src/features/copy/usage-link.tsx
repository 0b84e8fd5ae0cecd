import { Link } from '@tanstack/react-router';

/** The organisation's AI usage page: this month's spend against the limit. */
export function UsageLink({ orgId }: { orgId: string }) {
  return (
    <Link to="/orgs/$orgId/settings/ai-usage" params={{ orgId }} className="font-semibold underline">
      See this month’s AI usage and limit
    </Link>
  );
}
