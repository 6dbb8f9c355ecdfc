// Ministries / Departments that are cadre units of the Central Secretariat (CSS/CSSS/CSCS).
// Masters data, loaded into table `ministry` by db/masters.ts at every start (new rows inserted; rows an
// administrator has edited are left alone). Ids and codes are stable: other tables refer to them.
// rotationGroup: rules.md §8.1 (a rotation moves an officer from one group to the other). The split
// below is a plausible one for the demo, not the notified list of the CS.I O.M. of 02.11.2022;
// reducedTenure marks Group A Ministries where the minimum residency is one year less (§8.2).

export interface MinistryData {
  id: number;
  code: string;
  en: string;
  hi: string;
  rotationGroup: 'A' | 'B';
  reducedTenure: boolean;
}

type Row = [id: number, code: string, en: string, hi: string, group: 'A' | 'B', reducedTenure?: boolean];

const ROWS: Row[] = [
  [1, 'AGRI', 'Department of Agriculture and Farmers Welfare', 'कृषि एवं किसान कल्याण विभाग', 'B'],
  [2, 'DARE', 'Department of Agricultural Research and Education', 'कृषि अनुसंधान और शिक्षा विभाग', 'B'],
  [3, 'DAHD', 'Department of Animal Husbandry and Dairying', 'पशुपालन और डेयरी विभाग', 'B'],
  [4, 'FISH', 'Department of Fisheries', 'मत्स्यपालन विभाग', 'B'],
  [5, 'AYUSH', 'Ministry of Ayush', 'आयुष मंत्रालय', 'B'],
  [6, 'CHEM', 'Department of Chemicals and Petrochemicals', 'रसायन और पेट्रोरसायन विभाग', 'B'],
  [7, 'FERT', 'Department of Fertilizers', 'उर्वरक विभाग', 'B'],
  [8, 'PHARMA', 'Department of Pharmaceuticals', 'औषध विभाग', 'B'],
  [9, 'CIVAV', 'Ministry of Civil Aviation', 'नागर विमानन मंत्रालय', 'A'],
  [10, 'COAL', 'Ministry of Coal', 'कोयला मंत्रालय', 'B'],
  [11, 'COMM', 'Department of Commerce', 'वाणिज्य विभाग', 'A'],
  [12, 'DPIIT', 'Department for Promotion of Industry and Internal Trade', 'उद्योग संवर्धन और आंतरिक व्यापार विभाग', 'A'],
  [13, 'DOCA', 'Department of Consumer Affairs', 'उपभोक्ता मामले विभाग', 'B'],
  [14, 'DFPD', 'Department of Food and Public Distribution', 'खाद्य और सार्वजनिक वितरण विभाग', 'B'],
  [15, 'COOP', 'Ministry of Cooperation', 'सहकारिता मंत्रालय', 'B'],
  [16, 'MCA', 'Ministry of Corporate Affairs', 'कॉर्पोरेट कार्य मंत्रालय', 'A'],
  [17, 'CULT', 'Ministry of Culture', 'संस्कृति मंत्रालय', 'B'],
  [18, 'DOD', 'Department of Defence', 'रक्षा विभाग', 'A', true],
  [19, 'DDP', 'Department of Defence Production', 'रक्षा उत्पादन विभाग', 'A'],
  [20, 'DESW', "Department of Ex-Servicemen Welfare", 'पूर्व सैनिक कल्याण विभाग', 'B'],
  [21, 'DMA', 'Department of Military Affairs', 'सैन्य कार्य विभाग', 'A'],
  [22, 'DDRD', 'Department of Defence Research and Development', 'रक्षा अनुसंधान और विकास विभाग', 'B'],
  [23, 'DONER', 'Ministry of Development of North Eastern Region', 'पूर्वोत्तर क्षेत्र विकास मंत्रालय', 'B'],
  [24, 'MEITY', 'Ministry of Electronics and Information Technology', 'इलेक्ट्रॉनिकी और सूचना प्रौद्योगिकी मंत्रालय', 'A'],
  [25, 'MOEFCC', 'Ministry of Environment, Forest and Climate Change', 'पर्यावरण, वन और जलवायु परिवर्तन मंत्रालय', 'A'],
  [26, 'DEA', 'Department of Economic Affairs', 'आर्थिक कार्य विभाग', 'A', true],
  [27, 'DOE', 'Department of Expenditure', 'व्यय विभाग', 'A', true],
  [28, 'DOR', 'Department of Revenue', 'राजस्व विभाग', 'A', true],
  [29, 'DFS', 'Department of Financial Services', 'वित्तीय सेवाएं विभाग', 'A'],
  [30, 'DIPAM', 'Department of Investment and Public Asset Management', 'निवेश और लोक परिसंपत्ति प्रबंधन विभाग', 'A'],
  [31, 'DPE', 'Department of Public Enterprises', 'लोक उद्यम विभाग', 'B'],
  [32, 'CBDT', 'Central Board of Direct Taxes', 'केंद्रीय प्रत्यक्ष कर बोर्ड', 'A'],
  [33, 'CBIC', 'Central Board of Indirect Taxes and Customs', 'केंद्रीय अप्रत्यक्ष कर और सीमा शुल्क बोर्ड', 'A'],
  [34, 'MOFPI', 'Ministry of Food Processing Industries', 'खाद्य प्रसंस्करण उद्योग मंत्रालय', 'B'],
  [35, 'DOHFW', 'Department of Health and Family Welfare', 'स्वास्थ्य और परिवार कल्याण विभाग', 'A'],
  [36, 'DHR', 'Department of Health Research', 'स्वास्थ्य अनुसंधान विभाग', 'B'],
  [37, 'MHI', 'Ministry of Heavy Industries', 'भारी उद्योग मंत्रालय', 'B'],
  [38, 'MHA', 'Ministry of Home Affairs', 'गृह मंत्रालय', 'A', true],
  [39, 'DOL', 'Department of Official Language', 'राजभाषा विभाग', 'B'],
  [40, 'MOHUA', 'Ministry of Housing and Urban Affairs', 'आवास और शहरी कार्य मंत्रालय', 'A'],
  [41, 'DHE', 'Department of Higher Education', 'उच्चतर शिक्षा विभाग', 'A'],
  [42, 'DSEL', 'Department of School Education and Literacy', 'स्कूल शिक्षा और साक्षरता विभाग', 'B'],
  [43, 'MIB', 'Ministry of Information and Broadcasting', 'सूचना और प्रसारण मंत्रालय', 'A'],
  [44, 'MOLE', 'Ministry of Labour and Employment', 'श्रम और रोजगार मंत्रालय', 'B'],
  [45, 'DLA', 'Department of Legal Affairs', 'विधि कार्य विभाग', 'A'],
  [46, 'LEGD', 'Legislative Department', 'विधायी विभाग', 'B'],
  [47, 'DOJ', 'Department of Justice', 'न्याय विभाग', 'B'],
  [48, 'MSME', 'Ministry of Micro, Small and Medium Enterprises', 'सूक्ष्म, लघु और मध्यम उद्यम मंत्रालय', 'B'],
  [49, 'MINES', 'Ministry of Mines', 'खान मंत्रालय', 'B'],
  [50, 'MOMA', 'Ministry of Minority Affairs', 'अल्पसंख्यक कार्य मंत्रालय', 'B'],
  [51, 'MNRE', 'Ministry of New and Renewable Energy', 'नवीन और नवीकरणीय ऊर्जा मंत्रालय', 'B'],
  [52, 'MOPR', 'Ministry of Panchayati Raj', 'पंचायती राज मंत्रालय', 'B'],
  [53, 'MOPA', 'Ministry of Parliamentary Affairs', 'संसदीय कार्य मंत्रालय', 'A'],
  [54, 'DOPT', 'Department of Personnel and Training', 'कार्मिक और प्रशिक्षण विभाग', 'A', true],
  [55, 'DARPG', 'Department of Administrative Reforms and Public Grievances', 'प्रशासनिक सुधार और लोक शिकायत विभाग', 'B'],
  [56, 'DOPPW', "Department of Pension and Pensioners' Welfare", 'पेंशन और पेंशनभोगी कल्याण विभाग', 'B'],
  [57, 'MOPNG', 'Ministry of Petroleum and Natural Gas', 'पेट्रोलियम और प्राकृतिक गैस मंत्रालय', 'A'],
  [58, 'POWER', 'Ministry of Power', 'विद्युत मंत्रालय', 'A'],
  [59, 'MORTH', 'Ministry of Road Transport and Highways', 'सड़क परिवहन और राजमार्ग मंत्रालय', 'A'],
  [60, 'DORD', 'Department of Rural Development', 'ग्रामीण विकास विभाग', 'B'],
  [61, 'DOLR', 'Department of Land Resources', 'भूमि संसाधन विभाग', 'B'],
  [62, 'DST', 'Department of Science and Technology', 'विज्ञान और प्रौद्योगिकी विभाग', 'B'],
  [63, 'DBT', 'Department of Biotechnology', 'जैव प्रौद्योगिकी विभाग', 'B'],
  [64, 'DSIR', 'Department of Scientific and Industrial Research', 'वैज्ञानिक और औद्योगिक अनुसंधान विभाग', 'B'],
  [65, 'MOES', 'Ministry of Earth Sciences', 'पृथ्वी विज्ञान मंत्रालय', 'B'],
  [66, 'MOPSW', 'Ministry of Ports, Shipping and Waterways', 'पत्तन, पोत परिवहन और जलमार्ग मंत्रालय', 'A'],
  [67, 'MSDE', 'Ministry of Skill Development and Entrepreneurship', 'कौशल विकास और उद्यमशीलता मंत्रालय', 'B'],
  [68, 'DOSJE', 'Department of Social Justice and Empowerment', 'सामाजिक न्याय और अधिकारिता विभाग', 'B'],
  [69, 'DEPWD', 'Department of Empowerment of Persons with Disabilities', 'दिव्यांगजन सशक्तिकरण विभाग', 'B'],
  [70, 'MOSPI', 'Ministry of Statistics and Programme Implementation', 'सांख्यिकी और कार्यक्रम कार्यान्वयन मंत्रालय', 'B'],
  [71, 'STEEL', 'Ministry of Steel', 'इस्पात मंत्रालय', 'A'],
  [72, 'DOT', 'Department of Telecommunications', 'दूरसंचार विभाग', 'A'],
  [73, 'DOP', 'Department of Posts', 'डाक विभाग', 'B'],
  [74, 'TEX', 'Ministry of Textiles', 'वस्त्र मंत्रालय', 'B'],
  [75, 'TOUR', 'Ministry of Tourism', 'पर्यटन मंत्रालय', 'B'],
  [76, 'MOTA', 'Ministry of Tribal Affairs', 'जनजातीय कार्य मंत्रालय', 'B'],
  [77, 'DOWR', 'Department of Water Resources, River Development and Ganga Rejuvenation', 'जल संसाधन, नदी विकास और गंगा संरक्षण विभाग', 'A'],
  [78, 'DDWS', 'Department of Drinking Water and Sanitation', 'पेयजल और स्वच्छता विभाग', 'B'],
  [79, 'MWCD', 'Ministry of Women and Child Development', 'महिला और बाल विकास मंत्रालय', 'B'],
  [80, 'DOYA', 'Department of Youth Affairs', 'युवा कार्यक्रम विभाग', 'B'],
  [81, 'DOS', 'Department of Sports', 'खेल विभाग', 'B'],
  [82, 'CABSEC', 'Cabinet Secretariat', 'मंत्रिमंडल सचिवालय', 'A', true],
  [83, 'PMO', "Prime Minister's Office", 'प्रधानमंत्री कार्यालय', 'A', true],
  [84, 'PRESSEC', "President's Secretariat", 'राष्ट्रपति सचिवालय', 'A'],
  [85, 'VPSEC', "Vice-President's Secretariat", 'उपराष्ट्रपति सचिवालय', 'A'],
  [86, 'UPSC', 'Union Public Service Commission', 'संघ लोक सेवा आयोग', 'A'],
  [87, 'CVC', 'Central Vigilance Commission', 'केंद्रीय सतर्कता आयोग', 'A'],
  [88, 'NITI', 'NITI Aayog', 'नीति आयोग', 'A'],
  [89, 'CIC', 'Central Information Commission', 'केंद्रीय सूचना आयोग', 'B'],
  [90, 'SSC', 'Staff Selection Commission', 'कर्मचारी चयन आयोग', 'B'],
];

export const MINISTRIES: readonly MinistryData[] = Object.freeze(
  ROWS.map(([id, code, en, hi, rotationGroup, reducedTenure]) => Object.freeze({ id, code, en, hi, rotationGroup, reducedTenure: reducedTenure ?? false })),
);
