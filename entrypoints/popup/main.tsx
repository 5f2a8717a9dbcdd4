import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import '@/components/common/base.css';
import '@/components/popup/popup.css';

createRoot(document.getElementById('root')!).render(<PopupApp />);
