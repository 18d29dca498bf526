import { Link } from 'react-router';
import { AppHeader } from './components/AppHeader';
import { StateMessage } from './components/StateMessage';

/** Any address Accord does not know. */
export function NotFoundPage() {
  return (
    <div className="app">
      <title>Not found · Accord</title>
      <AppHeader />
      <main className="page">
        <StateMessage
          tone="error"
          title="There is no page at this address"
          action={
            <Link to="/" className="button button--secondary">
              Go to the drafts
            </Link>
          }
        />
      </main>
    </div>
  );
}
