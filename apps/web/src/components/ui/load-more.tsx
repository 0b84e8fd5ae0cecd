import { Button } from './button.tsx';

/** The "Load more" button under a paginated list; hidden on the last page. */
export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage }: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }) {
  if (!hasNextPage) return null;
  return (
    <div className="flex justify-center pt-4">
      <Button variant="secondary" isLoading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
        Load more
      </Button>
    </div>
  );
}
