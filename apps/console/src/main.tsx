/**
 * 拼购后台 — the operator console (SPEC §11). Served by the API server at /admin/;
 * every page is loaded on demand.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './lib/api';
import { loadPlatformTimeZone } from './lib/format';
import { I18nProvider } from './lib/i18n';
import { AuthProvider } from './lib/auth';
import { Root } from './root';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (n, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && n < 2,
    },
  },
});

// Times show in the platform's zone: Asia/Shanghai until the server says otherwise; if it does,
// the pages read again so every time on screen is redrawn in that zone.
void loadPlatformTimeZone().then((changed) => {
  if (changed) void queryClient.invalidateQueries();
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <Root />
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
