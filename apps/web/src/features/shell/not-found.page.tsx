import { Link } from '@tanstack/react-router';
import { buttonClass } from '../../components/ui/button.tsx';

export function NotFoundPage() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-semibold text-gray-900">Page not found</h1>
      <p className="text-sm text-gray-600">The page you are looking for does not exist or has moved.</p>
      <Link to="/" className={buttonClass('primary')}>
        Go home
      </Link>
    </main>
  );
}
