import { createRoot } from 'react-dom/client';
import { SidebarApp } from '@/components/sidebar/SidebarApp';
import '@/components/common/base.css';
import '@/components/sidebar/sidebar.css';

createRoot(document.getElementById('root')!).render(<SidebarApp />);
