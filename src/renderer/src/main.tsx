import { createRoot } from 'react-dom/client';

function App(): React.JSX.Element {
  return <main>Encore</main>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
