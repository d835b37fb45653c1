/** Any other path. */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { AppLink } from '../routing/app-link.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="stack">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <AppLink href="/">{t('notFound.home')}</AppLink>
      </p>
    </div>
  );
}
